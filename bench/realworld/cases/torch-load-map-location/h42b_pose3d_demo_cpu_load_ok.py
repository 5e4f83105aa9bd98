# source: https://github.com/xingyizhou/pytorch-pose-hg-3d/issues/54
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location='cpu' to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torch.nn as nn


class ResNetPose3D(nn.Module):
    def __init__(self, num_joints=16):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 64, 7, 2, 3), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, 128, 3, 2, 1), nn.BatchNorm2d(128), nn.ReLU(inplace=True),
        )
        self.hm = nn.Conv2d(128, num_joints, 1)
        self.depth = nn.Conv2d(128, num_joints, 1)

    def forward(self, x):
        f = self.backbone(x)
        return {"hm": self.hm(f), "depth": self.depth(f)}


def load_model(model, model_path):
    checkpoint = torch.load(model_path, map_location=lambda storage, loc: storage)
    print("loaded {}, epoch {}".format(model_path, checkpoint.get("epoch", "?")))
    state_dict = {k[7:] if k.startswith("module.") else k: v for k, v in checkpoint["state_dict"].items()}
    model.load_state_dict(state_dict, strict=False)
    return model


def get_preds_3d(hm, depth):
    b, j, h, w = hm.shape
    idx = hm.view(b, j, -1).argmax(dim=-1)
    xs, ys = (idx % w).float(), (idx // w).float()
    z = depth.view(b, j, -1).gather(2, idx.unsqueeze(-1)).squeeze(-1)
    return torch.stack([xs, ys, z], dim=-1)


def demo(opt):
    opt.device = torch.device("cuda:{}".format(opt.gpu) if opt.gpu >= 0 and torch.cuda.is_available() else "cpu")
    model = ResNetPose3D()
    if os.path.isfile(opt.load_model):
        model = load_model(model, opt.load_model)
    model = model.to(opt.device).eval()
    image = torch.rand(1, 3, 256, 256)
    with torch.no_grad():
        out = model(image.to(opt.device))
    pred = get_preds_3d(out["hm"], out["depth"]).cpu().numpy()
    print("pred 3d joints", pred.shape)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--load_model", default="../models/fusion_3d_var.pth")
    parser.add_argument("--gpu", type=int, default=-1)
    demo(parser.parse_args())
