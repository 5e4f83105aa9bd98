# source: https://github.com/open-mmlab/mmdetection/issues/6223
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: helper, loader-loop, batch-dict
# looks-like: integer-input
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class FrameCaptionDataset(Dataset):
    def __init__(self, n=8):
        rng = np.random.default_rng(0)
        self.frames = rng.integers(0, 256, size=(n, 48, 48, 3), dtype=np.uint8)
        self.tokens = rng.integers(0, 50, size=(n, 6))

    def __len__(self):
        return len(self.frames)

    def __getitem__(self, i):
        return {"img": torch.from_numpy(self.frames[i]), "tokens": torch.from_numpy(self.tokens[i])}


def to_model_input(img_uint8, mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)):
    x = img_uint8.permute(0, 3, 1, 2).float().div(255.0)
    mean = torch.tensor(mean, device=x.device).view(1, 3, 1, 1)
    std = torch.tensor(std, device=x.device).view(1, 3, 1, 1)
    return (x - mean) / std


class CaptionScorer(nn.Module):
    def __init__(self, vocab=50):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.embed = nn.Embedding(vocab, 16)

    def forward(self, img, tokens):
        v = self.backbone(img).flatten(1)
        t = self.embed(tokens).mean(1)
        return (v * t).sum(1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CaptionScorer().to(device).eval()
    with torch.no_grad():
        for batch in DataLoader(FrameCaptionDataset(), batch_size=4):
            img = to_model_input(batch["img"].to(device))
            scores = model(img, batch["tokens"].to(device))
            print(scores.shape)
