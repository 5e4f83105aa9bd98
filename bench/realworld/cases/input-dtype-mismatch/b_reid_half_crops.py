# source: https://github.com/mikel-brostrom/boxmot/pull/1820
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper
# bug-lines: 44, 49
# cpu: raises "should be the same"
# needs: torch, numpy
import argparse

import numpy as np
import torch
import torch.nn as nn


class TinyReID(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.norm = nn.LayerNorm(16)
        self.proj = nn.Linear(16, dim)

    def forward(self, x):
        x = self.pool(torch.relu(self.stem(x))).flatten(1)
        return self.proj(self.norm(x))


class ReIDBackend:
    def __init__(self, device, half=False):
        self.device = device
        self.half = half
        self.model = TinyReID().to(device).eval()
        if self.half:
            self.model.half()
        self.mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
        self.std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)

    def get_crops(self, xyxys, img):
        crops = []
        for x1, y1, x2, y2 in xyxys.astype(int):
            crop = torch.from_numpy(img[y1:y2, x1:x2].copy()).permute(2, 0, 1).float() / 255.0
            crop = nn.functional.interpolate(crop[None], size=(64, 32), mode="bilinear")[0]
            crops.append((crop - self.mean) / self.std)
        return torch.stack(crops).to(self.device)

    @torch.no_grad()
    def get_features(self, xyxys, img):
        crops = self.get_crops(xyxys, img)
        feats = self.model(crops)
        return nn.functional.normalize(feats.float(), dim=-1).cpu().numpy()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", action="store_true", default=True)
    args = parser.parse_args([])
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    backend = ReIDBackend(device, half=args.half)
    frame = np.random.randint(0, 255, (240, 320, 3), dtype=np.uint8)
    dets = np.array([[10, 20, 60, 120], [100, 40, 150, 200]], dtype=np.float32)
    feats = backend.get_features(dets, frame)
    print(feats.shape)


if __name__ == "__main__":
    main()
