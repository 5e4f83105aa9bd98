# source: https://github.com/bluedream1121/RELF/issues/6
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


class EquivariantDescriptor(nn.Module):
    def __init__(self, dim=128, orientations=16):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(),
            nn.Conv2d(64, dim * orientations, 3, padding=1),
        )
        self.dim, self.orientations = dim, orientations

    def forward(self, img):
        feat = self.backbone(img)
        b, _, h, w = feat.shape
        feat = feat.view(b, self.orientations, self.dim, h, w).max(dim=1).values
        return F.normalize(feat, dim=1)


def load_pretrained(model, ckpt_dir, name):
    path = os.path.join(ckpt_dir, name + ".pth")
    state = torch.load(path)
    if "state_dict" in state:
        state = state["state_dict"]
    model.load_state_dict(state)
    return model


@torch.no_grad()
def evaluate(model, pairs, device):
    scores = []
    for img_a, img_b in pairs:
        da = model(img_a.to(device))
        db = model(img_b.to(device))
        scores.append((da * db).sum(1).mean().item())
    return sum(scores) / max(len(scores), 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt_dir", default="./ckpt")
    parser.add_argument("--model", default="relf_resnet18")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = load_pretrained(EquivariantDescriptor(), args.ckpt_dir, args.model).to(device).eval()
    pairs = [(torch.rand(1, 3, 240, 320), torch.rand(1, 3, 240, 320)) for _ in range(4)]
    print("mean matching score: %.4f" % evaluate(net, pairs, device))
