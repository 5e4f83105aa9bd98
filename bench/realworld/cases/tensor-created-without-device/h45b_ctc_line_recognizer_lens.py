# source: https://github.com/mittagessen/kraken/issues/793
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# bug-lines: 37, 59
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class LineRecognizer(nn.Module):
    def __init__(self, n_classes, hidden=128):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d((2, 2)),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d((2, 1)),
        )
        self.rnn = nn.LSTM(64 * 12, hidden, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(hidden * 2, n_classes)

    def forward(self, lines, seq_lens):
        feat = self.cnn(lines)
        b, c, h, w = feat.shape
        feat = feat.permute(0, 3, 1, 2).reshape(b, w, c * h)
        mask = _lengths_and_mask(feat, seq_lens)
        out, _ = self.rnn(feat)
        logits = self.fc(out).log_softmax(-1)
        return logits.masked_fill(~mask.unsqueeze(-1), 0.0)


def _lengths_and_mask(feat, seq_lens):
    steps = torch.arange(feat.shape[1], device=feat.device)
    lens = torch.div(seq_lens, 2, rounding_mode="floor")
    return steps.unsqueeze(0) < lens.unsqueeze(1)


class LineImages(Dataset):
    def __init__(self, n=64):
        self.widths = [int(w) for w in torch.randint(120, 400, (n,))]

    def __len__(self):
        return len(self.widths)

    def __getitem__(self, idx):
        return torch.rand(1, 48, self.widths[idx]), self.widths[idx]


def collate_lines(batch):
    max_w = max(w for _, w in batch)
    lines = torch.stack([F.pad(img, (0, max_w - w)) for img, w in batch])
    return lines, [w for _, w in batch]


def recognize_batch(model, lines, widths, device):
    lines = lines.to(device)
    seq_lens = torch.tensor(widths, dtype=torch.long)
    with torch.no_grad():
        logits = model(lines, seq_lens)
    return logits.argmax(-1).cpu()


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = LineRecognizer(n_classes=97).to(device).eval()
    loader = DataLoader(LineImages(), batch_size=8, collate_fn=collate_lines)
    for lines, widths in loader:
        labels = recognize_batch(model, lines, widths, device)
        print(labels.shape)
