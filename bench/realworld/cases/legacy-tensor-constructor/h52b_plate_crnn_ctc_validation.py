# source: https://github.com/JaidedAI/EasyOCR/issues/1378
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class, helper, loader-loop
# bug-lines: 23, 65, 67
# needs: torch
# cpu: no written where torch was not installed; not run
"""Validation step for a CRNN licence-plate reader trained with CTC."""
import torch
import torch.nn as nn

PLATE_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class CTCLabelConverter:
    def __init__(self, alphabet=PLATE_CHARS):
        self.chars = ["[blank]"] + list(alphabet)
        self.index = {c: i for i, c in enumerate(self.chars)}

    def encode(self, plates):
        lengths = [len(p) for p in plates]
        flat = [self.index[c] for p in plates for c in p]
        return torch.IntTensor(flat), torch.IntTensor(lengths)

    def decode_greedy(self, pred_index, pred_sizes):
        texts = []
        for seq, size in zip(pred_index, pred_sizes):
            out, prev = [], 0
            for k in seq[: int(size)].tolist():
                if k != 0 and k != prev:
                    out.append(self.chars[k])
                prev = k
            texts.append("".join(out))
        return texts


class CRNN(nn.Module):
    def __init__(self, num_classes=len(PLATE_CHARS) + 1, hidden=256):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 64, 3, 1, 1), nn.ReLU(True), nn.MaxPool2d(2, 2),
            nn.Conv2d(64, 128, 3, 1, 1), nn.ReLU(True), nn.MaxPool2d(2, 2),
            nn.Conv2d(128, 256, 3, 1, 1), nn.BatchNorm2d(256), nn.ReLU(True), nn.MaxPool2d((2, 1)),
            nn.Conv2d(256, 256, 3, 1, 1), nn.BatchNorm2d(256), nn.ReLU(True), nn.AdaptiveAvgPool2d((1, None)),
        )
        self.rnn = nn.LSTM(256, hidden, num_layers=2, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(hidden * 2, num_classes)

    def forward(self, x):
        feat = self.cnn(x).squeeze(2).permute(0, 2, 1)
        seq, _ = self.rnn(feat)
        return self.fc(seq)


@torch.no_grad()
def validation(model, criterion, loader, converter, device):
    model.eval()
    n_correct, n_total, loss_sum = 0, 0, 0.0
    for images, plates in loader:
        batch_size = images.size(0)
        images = images.to(device)
        text_for_loss, length_for_loss = converter.encode(plates)

        preds = model(images)
        preds_size = torch.IntTensor([preds.size(1)] * batch_size)
        log_probs = preds.log_softmax(2).permute(1, 0, 2)
        cost = criterion(log_probs, text_for_loss, preds_size, length_for_loss)
        loss_sum += cost.item() * batch_size

        _, preds_index = preds.max(2)
        predicted = converter.decode_greedy(preds_index.cpu(), preds_size)
        n_correct += sum(p == gt for p, gt in zip(predicted, plates))
        n_total += batch_size
    model.train()
    return loss_sum / n_total, n_correct / n_total


def evaluate_checkpoint(ckpt_path, val_loader):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CRNN().to(device)
    model.load_state_dict(torch.load(ckpt_path, map_location=device))
    criterion = nn.CTCLoss(blank=0, zero_infinity=True).to(device)
    loss, acc = validation(model, criterion, val_loader, CTCLabelConverter(), device)
    print(f"val loss {loss:.4f}  plate accuracy {acc:.3%}")
    return acc
