# source: https://github.com/pytorch/pytorch/issues/46085
# error: RuntimeError: legacy constructor for device type: cpu was passed device type: cuda, but device type must be: cpu
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop, batch-dict
# looks-like: legacy-tensor-constructor
# needs: torch
# cpu: no written where torch was not installed; not run
"""Handwritten line recognition: CRNN + CTC training step."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

ALPHABET = " !\"#&'()*+,-./0123456789:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
CHAR2ID = {c: i + 1 for i, c in enumerate(ALPHABET)}


class CRNN(nn.Module):
    def __init__(self, n_classes=len(ALPHABET) + 1):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(128, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d((2, 1)))
        self.rnn = nn.LSTM(256 * 8, 256, num_layers=2, bidirectional=True)
        self.fc = nn.Linear(512, n_classes)

    def forward(self, x):
        f = self.cnn(x)
        b, c, h, w = f.shape
        f = f.permute(3, 0, 1, 2).reshape(w, b, c * h)
        out, _ = self.rnn(f)
        return self.fc(out).log_softmax(2)


def encode_batch(texts, device):
    encoded = [[CHAR2ID[c] for c in t if c in CHAR2ID] for t in texts]
    targets = torch.LongTensor([i for e in encoded for i in e]).to(device)
    target_lengths = torch.tensor([len(e) for e in encoded], dtype=torch.long, device=device)
    return targets, target_lengths


def train_epoch(model, loader, optimizer, device):
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    model.train()
    for batch in loader:
        images = batch["image"].to(device)
        log_probs = model(images)
        targets, target_lengths = encode_batch(batch["text"], device)
        input_lengths = torch.full((images.size(0),), log_probs.size(0), dtype=torch.long, device=device)
        loss = ctc(log_probs, targets, input_lengths, target_lengths)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CRNN().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    lines = torch.load("iam_lines_train.pt")
    loader = DataLoader(lines, batch_size=32, shuffle=True,
                        collate_fn=lambda b: {"image": torch.stack([s["image"] for s in b]),
                                              "text": [s["text"] for s in b]})
    for epoch in range(20):
        print(epoch, train_epoch(model, loader, optimizer, device))
