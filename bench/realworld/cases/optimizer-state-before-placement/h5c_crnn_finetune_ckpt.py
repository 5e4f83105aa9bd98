# source: https://github.com/pytorch/pytorch/issues/34470
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# bug-lines: 29, 41, 43
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class CRNN(nn.Module):
    def __init__(self, n_class=37, hidden=64):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d((4, 1)))
        self.rnn = nn.LSTM(32 * 8, hidden, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(hidden * 2, n_class)

    def forward(self, x):
        f = self.cnn(x)
        b, c, h, w = f.shape
        f = f.permute(0, 3, 1, 2).reshape(b, w, c * h)
        return self.fc(self.rnn(f)[0])


def restore_from_checkpoint(crnn, ckpt_path, pretrained_path, lr):
    optimizer = torch.optim.Adam(crnn.parameters(), lr=lr)
    checkpoint = torch.load(ckpt_path)
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    crnn.load_state_dict(torch.load(pretrained_path)["model"].state_dict(), strict=True)
    return optimizer, checkpoint["epoch"]


def batches(n=10):
    for _ in range(n):
        yield torch.rand(4, 1, 32, 100), torch.randint(0, 37, (4, 100))


def main(ckpt_path, pretrained_path, use_cuda=True):
    crnn = CRNN()
    optimizer, start_epoch = restore_from_checkpoint(crnn, ckpt_path, pretrained_path, lr=1e-4)
    if use_cuda and torch.cuda.is_available():
        crnn = crnn.cuda()
    device = next(crnn.parameters()).device
    criterion = nn.CrossEntropyLoss()
    for epoch in range(start_epoch, start_epoch + 2):
        for images, labels in batches():
            images, labels = images.to(device), labels.to(device)
            logits = crnn(images)
            loss = criterion(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


if __name__ == "__main__":
    main("expr/CRNN_3_0.91_ckpt.pth", "expr/crnn_pretrained.pth")
