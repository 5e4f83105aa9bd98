# source: https://github.com/FengQuanLi/ResnetGPT/issues/19
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 31, 43
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
import json
import os

import numpy as np
import torch
import torchvision
from PIL import Image

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class FeatureExtractor(torch.nn.Module):
    def __init__(self):
        super().__init__()
        backbone = torchvision.models.resnet101(weights=torchvision.models.ResNet101_Weights.DEFAULT)
        self.body = torch.nn.Sequential(*list(backbone.children())[:-1])

    def forward(self, x):
        return x, self.body(x).flatten(1)


def load_frame(path):
    arr = np.asarray(Image.open(path).convert("RGB").resize((224, 224)))
    return torch.from_numpy(arr).permute(2, 0, 1)


def process_recording(rec_dir, extractor, batch_size=32):
    with open(os.path.join(rec_dir, "actions.json"), encoding="utf-8") as f:
        actions = json.load(f)
    frames = sorted(p for p in os.listdir(rec_dir) if p.endswith(".jpg"))
    feats = []
    for start in range(0, len(frames), batch_size):
        chunk = frames[start:start + batch_size]
        img2 = torch.stack([load_frame(os.path.join(rec_dir, p)) for p in chunk]).to(device)
        with torch.no_grad():
            _, out = extractor(img2)
        feats.append(out.cpu().numpy())
    feats = np.concatenate(feats, axis=0)
    labels = np.array([actions[p] for p in frames], dtype=np.int64)
    np.savez(os.path.join(rec_dir, "features.npz"), feats=feats, labels=labels)
    return feats.shape


if __name__ == "__main__":
    root = "../training_data"
    extractor = FeatureExtractor().to(device).eval()
    for name in sorted(os.listdir(root)):
        rec_dir = os.path.join(root, name)
        if os.path.isdir(rec_dir):
            print(name, process_recording(rec_dir, extractor))
