# source: https://github.com/ZQPei/deep_sort_pytorch/issues/51
# error: RuntimeError: Attempting to deserialize object on CUDA device 2 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Appearance embeddings for player re-identification in broadcast football tracking.

The checkpoints were trained on a 4-GPU box (saved from cuda:2); the tracker
runs on laptops and single-GPU servers.
"""
import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class PlayerReID(nn.Module):
    def __init__(self, num_ids=625, embed_dim=256):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, 2, 1), nn.BatchNorm2d(32), nn.ReLU(True),
            nn.Conv2d(32, 64, 3, 2, 1), nn.BatchNorm2d(64), nn.ReLU(True),
            nn.Conv2d(64, 128, 3, 2, 1), nn.BatchNorm2d(128), nn.ReLU(True),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.embed = nn.Linear(128, embed_dim)
        self.classifier = nn.Linear(embed_dim, num_ids)

    def forward(self, x, return_embedding=True):
        feat = self.embed(self.backbone(x))
        return F.normalize(feat, dim=1) if return_embedding else self.classifier(feat)


class Extractor:
    def __init__(self, ckpt_path, use_cuda=True, size=(64, 128)):
        self.device = torch.device("cuda" if use_cuda and torch.cuda.is_available() else "cpu")
        self.net = PlayerReID()
        checkpoint = torch.load(ckpt_path, map_location=lambda storage, loc: storage)
        self.net.load_state_dict(checkpoint["net_dict"])
        self.net.to(self.device).eval()
        self.size = size
        self.mean = np.array([0.485, 0.456, 0.406], dtype=np.float32)
        self.std = np.array([0.229, 0.224, 0.225], dtype=np.float32)

    def _preprocess(self, crops):
        batch = []
        for crop in crops:
            rgb = cv2.cvtColor(cv2.resize(crop, self.size), cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0
            batch.append(torch.from_numpy((rgb - self.mean) / self.std).permute(2, 0, 1))
        return torch.stack(batch)

    @torch.no_grad()
    def __call__(self, crops):
        if len(crops) == 0:
            return np.zeros((0, self.net.embed.out_features), dtype=np.float32)
        features = self.net(self._preprocess(crops).to(self.device))
        return features.cpu().numpy()


def load_team_classifier(path, device):
    head = nn.Linear(256, 3)  # home / away / referee
    head.load_state_dict(torch.load(path, map_location=device))
    return head.to(device).eval()


def crops_from_frame(frame, boxes):
    h, w = frame.shape[:2]
    crops = []
    for x1, y1, x2, y2 in boxes.astype(int):
        x1, y1, x2, y2 = max(x1, 0), max(y1, 0), min(x2, w - 1), min(y2, h - 1)
        crops.append(frame[y1:y2, x1:x2])
    return crops
