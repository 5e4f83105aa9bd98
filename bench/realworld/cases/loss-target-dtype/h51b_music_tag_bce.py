# source: https://discuss.pytorch.org/t/multi-label-binary-classification-result-type-float-cant-be-cast-to-the-desired-output-type-long/117915
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, helper
# bug-lines: 29, 50
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Multi-label music auto-tagging (MagnaTagATune-style top-50 tags) on log-mel patches."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

TAGS = ["guitar", "classical", "slow", "techno", "strings", "drums", "electronic", "rock",
        "fast", "piano", "ambient", "beat", "violin", "vocal", "synth", "female"]


class TaggedMelDataset(Dataset):
    def __init__(self, mel_paths, tag_lists):
        self.mel_paths = mel_paths
        self.tag_lists = tag_lists
        self.tag_to_idx = {t: i for i, t in enumerate(TAGS)}

    def __len__(self):
        return len(self.mel_paths)

    def __getitem__(self, i):
        mel = np.load(self.mel_paths[i]).astype(np.float32)  # [n_mels, frames]
        target = torch.zeros(len(TAGS), dtype=torch.long)
        for tag in self.tag_lists[i]:
            target[self.tag_to_idx[tag]] = 1
        return {"mel": torch.from_numpy(mel).unsqueeze(0), "tags": target}


class ShortChunkCNN(nn.Module):
    def __init__(self, n_tags=len(TAGS)):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(), nn.MaxPool2d(2),
            nn.AdaptiveMaxPool2d(1),
        )
        self.head = nn.Linear(128, n_tags)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


def tagging_loss(criterion, logits, batch):
    return criterion(logits, batch["tags"])


def train_epoch(model, loader, optimizer, criterion, device):
    model.train()
    total = 0.0
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        logits = model(batch["mel"])
        loss = tagging_loss(criterion, logits, batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / max(len(loader), 1)


if __name__ == "__main__":
    import json

    meta = json.load(open("mtat_train.json"))
    ds = TaggedMelDataset([m["mel"] for m in meta], [m["tags"] for m in meta])
    loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=4)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ShortChunkCNN().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    for epoch in range(10):
        print(epoch, train_epoch(model, loader, opt, nn.BCEWithLogitsLoss(), device))
