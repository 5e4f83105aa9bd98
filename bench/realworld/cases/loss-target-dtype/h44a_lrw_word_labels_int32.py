# source: https://github.com/facebookresearch/open_lth/pull/10
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: class, loader-loop
# bug-lines: 25, 63
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Word-level lip reading (LRW-style): mouth ROI clips -> 500-way word classifier."""
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class LRWWordDataset(Dataset):
    """Pre-cropped 88x88 mouth clips stored as one .npz file per split."""

    def __init__(self, npz_path, vocab):
        blob = np.load(npz_path, allow_pickle=True)
        self.clips = blob["clips"]  # (N, T, 88, 88) float32, already normalised
        word_to_idx = {w: i for i, w in enumerate(vocab)}
        # compact label array so the 500k-clip train split fits in RAM
        self.labels = np.array([word_to_idx[w] for w in blob["words"]], dtype=np.int32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        clip = torch.from_numpy(self.clips[idx]).unsqueeze(0)  # (1, T, H, W)
        return clip, self.labels[idx]


class VisualFrontendGRU(nn.Module):
    def __init__(self, num_words=500, hidden=256):
        super().__init__()
        self.frontend = nn.Sequential(
            nn.Conv3d(1, 32, (5, 7, 7), stride=(1, 2, 2), padding=(2, 3, 3)),
            nn.BatchNorm3d(32),
            nn.ReLU(inplace=True),
            nn.MaxPool3d((1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1)),
        )
        self.pool = nn.AdaptiveAvgPool2d(4)
        self.gru = nn.GRU(32 * 16, hidden, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden, num_words)

    def forward(self, x):
        feats = self.frontend(x)  # (B, C, T, H, W)
        b, c, t = feats.shape[:3]
        feats = feats.transpose(1, 2).reshape(b * t, c, *feats.shape[-2:])
        feats = self.pool(feats).reshape(b, t, -1)
        out, _ = self.gru(feats)
        return self.head(out.mean(dim=1))


def train_one_epoch(model, loader, criterion, optimizer, device):
    model.train()
    for clips, labels in loader:
        clips = clips.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        logits = model(clips)
        loss = criterion(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-npz", default="data/lrw_train.npz")
    parser.add_argument("--vocab", default="data/lrw_vocab.txt")
    args = parser.parse_args()
    vocab = [line.strip() for line in open(args.vocab)]
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(LRWWordDataset(args.train_npz, vocab), batch_size=32, shuffle=True, num_workers=4)
    model = VisualFrontendGRU(num_words=len(vocab)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    train_one_epoch(model, loader, nn.CrossEntropyLoss(), optimizer, device)
