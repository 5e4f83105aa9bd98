# source: https://github.com/zylo117/Yet-Another-EfficientDet-Pytorch/issues/94
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: batch-dict, loader-loop
# bug-lines: 32, 37, 73
# needs: torch, torchvision, numpy, pandas, opencv-python
# cpu: no written where torch was not installed; not run
import cv2
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torchvision
from torch.utils.data import DataLoader, Dataset


class ZooReIDDataset(Dataset):
    def __init__(self, csv_path, root, size=(256, 256)):  # leopard flank crops
        self.df = pd.read_csv(csv_path)  # columns: path, identity
        self.root = root
        self.size = size
        self.mean = np.array([0.485, 0.456, 0.406], dtype=np.float32)
        self.std = np.array([0.229, 0.224, 0.225], dtype=np.float32)
        self.pid2label = {p: i for i, p in enumerate(sorted(self.df.identity.unique()))}

    def __len__(self):
        return len(self.df)

    def __getitem__(self, idx):
        row = self.df.iloc[idx]
        img = cv2.cvtColor(cv2.imread(f"{self.root}/{row.path}"), cv2.COLOR_BGR2RGB)
        img = (cv2.resize(img, self.size) / 255.0 - self.mean) / self.std
        return {"img": img.transpose(2, 0, 1), "pid": self.pid2label[row.identity]}


def collate(samples):
    imgs = torch.from_numpy(np.stack([s["img"] for s in samples]))
    pids = torch.tensor([s["pid"] for s in samples])
    return {"img": imgs, "pid": pids}


class ReIDNet(nn.Module):
    def __init__(self, num_ids):
        super().__init__()
        backbone = torchvision.models.resnet50(weights="IMAGENET1K_V2")
        self.backbone = nn.Sequential(*list(backbone.children())[:-1])
        self.bnneck = nn.BatchNorm1d(2048)
        self.classifier = nn.Linear(2048, num_ids, bias=False)

    def forward(self, x):
        feat = self.backbone(x).flatten(1)
        return feat, self.classifier(self.bnneck(feat))


def batch_hard_triplet(feats, pids, margin=0.3):
    dist = torch.cdist(feats, feats)
    same = pids[:, None] == pids[None, :]
    hardest_pos = (dist * same).max(1).values
    hardest_neg = dist.masked_fill(same, float("inf")).min(1).values
    return torch.relu(hardest_pos - hardest_neg + margin).mean()


def main():
    ds = ZooReIDDataset("annotations/train.csv", "images/")
    loader = DataLoader(ds, batch_size=64, shuffle=True, num_workers=4, collate_fn=collate)
    model = ReIDNet(len(ds.pid2label)).cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=5e-4)

    for epoch in range(60):
        model.train()
        for data in loader:
            imgs, pids = data["img"].cuda(), data["pid"].cuda()
            feats, logits = model(imgs)
            loss = nn.functional.cross_entropy(logits, pids, label_smoothing=0.1) + batch_hard_triplet(feats, pids)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

if __name__ == "__main__":
    main()
