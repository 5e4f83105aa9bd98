# source: https://github.com/matssteinweg/PIXOR/issues/2
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: loader-loop, helper
# bug-lines: 54, 66
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import glob
import os

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class BEVDetector(nn.Module):
    def __init__(self, in_ch=36, width=64):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(in_ch, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride=2, padding=1), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
        )
        self.cls_head = nn.Conv2d(width, 1, 1)
        self.reg_head = nn.Conv2d(width, 6, 1)

    def forward(self, x):
        feats = self.backbone(x)
        return torch.cat([torch.sigmoid(self.cls_head(feats)), self.reg_head(feats)], dim=1)


class BEVDataset(Dataset):
    def __init__(self, root):
        self.files = sorted(glob.glob(os.path.join(root, "*.npz")))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        item = np.load(self.files[idx])
        return torch.from_numpy(item["bev"]).float(), torch.from_numpy(item["cls_map"]).float()


def evaluate_model(model, data_loader, device, score_thresholds=(0.5, 0.7, 0.9)):
    model.eval()
    hits = {t: 0 for t in score_thresholds}
    total = {t: 0 for t in score_thresholds}
    positives = 0
    with torch.no_grad():
        for batch_data, batch_labels in data_loader:
            batch_data = batch_data.to(device)
            batch_labels = batch_labels.to(device)
            batch_predictions = model(batch_data)
            scores = batch_predictions[:, 0]
            positives += int(batch_labels.sum())
            for t in score_thresholds:
                pred = scores > t
                hits[t] += int((pred & (batch_labels > 0)).sum())
                total[t] += int(pred.sum())
    return {t: (hits[t] / max(total[t], 1), hits[t] / max(positives, 1)) for t in score_thresholds}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    pixor = BEVDetector()
    pixor.load_state_dict(torch.load("models/bev_detector_best.pth", map_location=device))

    loader = DataLoader(BEVDataset("data/kitti_bev/val"), batch_size=4, num_workers=2)
    metrics = evaluate_model(pixor, loader, device)
    for t, (precision, recall) in metrics.items():
        print(f"score>{t:.1f}: precision={precision:.3f} recall={recall:.3f}")
