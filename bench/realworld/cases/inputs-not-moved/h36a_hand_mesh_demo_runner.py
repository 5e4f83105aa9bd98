# source: https://github.com/SeanChenxy/HandMesh/issues/3
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: class, helper, loader-loop
# bug-lines: 49, 57
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import cv2
import numpy as np
import torch
import torch.nn as nn


class MeshRegressor(nn.Module):
    def __init__(self, num_verts=778):
        super().__init__()
        self.num_verts = num_verts
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.verts_head = nn.Linear(64, num_verts * 3)

    def forward(self, img):
        feat = self.backbone(img)
        return {"verts": self.verts_head(feat).view(-1, self.num_verts, 3)}


class Runner:
    def __init__(self, args):
        self.args = args
        use_cuda = torch.cuda.is_available() and not args.cpu
        self.device = torch.device("cuda" if use_cuda else "cpu")
        self.model = MeshRegressor()
        if args.checkpoint and os.path.exists(args.checkpoint):
            state = torch.load(args.checkpoint, map_location="cpu")
            self.model.load_state_dict(state["model_state_dict"])
        self.model.to(self.device)
        self.model.eval()

    def preprocess(self, path):
        img = cv2.imread(path)[:, :, ::-1]
        img = cv2.resize(img, (self.args.size, self.args.size)).astype(np.float32) / 255.0
        img = (img - 0.5) / 0.5
        return torch.from_numpy(img.transpose(2, 0, 1).copy()).unsqueeze(0)

    @torch.no_grad()
    def demo(self):
        os.makedirs(self.args.out_dir, exist_ok=True)
        paths = sorted(glob.glob(os.path.join(self.args.image_dir, "*.jpg")))
        for path in paths:
            input = self.preprocess(path)
            out = self.model(input)
            verts = out["verts"][0].cpu().numpy()
            name = os.path.splitext(os.path.basename(path))[0]
            np.save(os.path.join(self.args.out_dir, name + "_verts.npy"), verts)
            print(f"{name}: {verts.shape[0]} vertices")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--image_dir", default="images/demo")
    parser.add_argument("--out_dir", default="out/demo")
    parser.add_argument("--checkpoint", default="checkpoints/mobrecon.pt")
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--cpu", action="store_true")
    Runner(parser.parse_args()).demo()
