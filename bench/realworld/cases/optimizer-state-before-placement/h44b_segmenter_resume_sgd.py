# source: https://github.com/SeanNaren/deepspeech.pytorch/issues/210
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop, top-level
# bug-lines: 45, 52
# needs: torch
# cpu: no written where torch was not installed; not run
"""Training script for a frame-level speaker-activity segmenter with a
--continue_from option that restores model, optimizer and epoch counter."""
import argparse
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SpeakerSegmenter(nn.Module):
    def __init__(self, n_feats=60, hidden=128, max_speakers=3):
        super().__init__()
        self.rnn = nn.LSTM(n_feats, hidden, num_layers=2, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden, max_speakers)

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.head(h)


def load_model_package(path):
    package = torch.load(path, map_location="cpu")
    model = SpeakerSegmenter(**package["model_conf"])
    model.load_state_dict(package["state_dict"])
    return model, package


parser = argparse.ArgumentParser()
parser.add_argument("--continue_from", default="")
parser.add_argument("--cuda", action="store_true")
parser.add_argument("--epochs", type=int, default=20)
parser.add_argument("--lr", type=float, default=3e-4)
args = parser.parse_args()

start_epoch = 0
if args.continue_from:
    model, package = load_model_package(args.continue_from)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=True)
    optimizer.load_state_dict(package["optim_dict"])
    start_epoch = package["epoch"]
else:
    model = SpeakerSegmenter()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=True)

device = torch.device("cuda" if args.cuda else "cpu")
model = model.to(device)
criterion = nn.BCEWithLogitsLoss()
train_loader = DataLoader(TensorDataset(torch.randn(64, 200, 60),
                                        torch.randint(0, 2, (64, 200, 3)).float()),
                          batch_size=8, shuffle=True)

for epoch in range(start_epoch, args.epochs):
    model.train()
    for feats, labels in train_loader:
        feats, labels = feats.to(device), labels.to(device)
        loss = criterion(model(feats), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    torch.save({"model_conf": {}, "state_dict": model.state_dict(),
                "optim_dict": optimizer.state_dict(), "epoch": epoch + 1},
               "segmenter_checkpoint.pth")
