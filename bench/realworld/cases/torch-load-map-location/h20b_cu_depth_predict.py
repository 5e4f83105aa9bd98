# source: https://github.com/wolverinn/HEVC-CU-depths-prediction-CNN/issues/8
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, top-level
# bug-lines: 35
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Predict HEVC coding-unit split depths for the CTUs of one luma frame."""
import sys

import numpy as np
import torch
import torch.nn as nn

CKPT_TEMPLATE = "checkpoints/cu_depth_{size}x{size}.pt"


class CUDepthNet(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 4, stride=4), nn.ReLU(),
            nn.Conv2d(16, 32, 2, stride=2), nn.ReLU(),
        )
        self.classifier = nn.Linear(32 * (size // 8) ** 2, 2)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


def load_level_models(device):
    models = {}
    for size in (64, 32, 16):
        net = CUDepthNet(size)
        net.load_state_dict(torch.load(CKPT_TEMPLATE.format(size=size)))
        models[size] = net.to(device).eval()
    return models


def split_ctus(frame, ctu=64):
    h, w = frame.shape
    for y in range(0, h - ctu + 1, ctu):
        for x in range(0, w - ctu + 1, ctu):
            yield (y, x), frame[y:y + ctu, x:x + ctu]


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
models = load_level_models(device)
frame = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(1080, 1920) if len(sys.argv) > 1 \
    else np.random.randint(0, 255, (1080, 1920), dtype=np.uint8)

depth_map = {}
with torch.no_grad():
    for pos, block in split_ctus(frame.astype(np.float32) / 255.0):
        x = torch.from_numpy(block)[None, None].to(device)
        split = models[64](x).argmax(1).item()
        depth_map[pos] = 0 if split == 0 else 1 + models[32](x[..., :32, :32]).argmax(1).item()
print(f"predicted depths for {len(depth_map)} CTUs")
