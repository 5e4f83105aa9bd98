# source: https://github.com/SeungjunNah/DeepDeblur-PyTorch/issues/28
# error: RuntimeError: don't know how to restore data location of torch.FloatStorage (tagged with cpu:0)
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch, numpy, imageio
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import imageio
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_pair(ch):
    return nn.Sequential(nn.Conv2d(ch, ch, 5, padding=2), nn.ReLU(True), nn.Conv2d(ch, ch, 5, padding=2))


class MSResNet(nn.Module):
    def __init__(self, n_scales=3, ch=64, n_blocks=8):
        super().__init__()
        self.n_scales = n_scales
        self.body = nn.ModuleList([nn.Sequential(nn.Conv2d(3 if s == n_scales - 1 else 6, ch, 5, padding=2),
                                                 *[conv_pair(ch) for _ in range(n_blocks)],
                                                 nn.Conv2d(ch, 3, 5, padding=2)) for s in range(n_scales)])

    def forward(self, blur):
        pyramid = [F.interpolate(blur, scale_factor=0.5 ** s, mode="bilinear") for s in range(self.n_scales)]
        out = self.body[-1](pyramid[-1])
        for s in range(self.n_scales - 2, -1, -1):
            up = F.interpolate(out, size=pyramid[s].shape[-2:], mode="bilinear")
            out = self.body[s](torch.cat([pyramid[s], up], 1))
        return out

class Checkpointer:
    def __init__(self, save_dir, device):
        self.save_dir = save_dir
        self.device = device

    def _path(self, kind, epoch):
        return os.path.join(self.save_dir, kind, f"{kind}-{epoch}.pt")

    def load_model(self, model, epoch):
        state = torch.load(self._path("model", epoch), map_location=self.device)
        model.load_state_dict(state)
        return model.to(self.device)

    def load_optimizer(self, optimizer, epoch):
        path = self._path("optim", epoch)
        if os.path.exists(path):
            optimizer.load_state_dict(torch.load(path, map_location=self.device))
        return optimizer

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--device_type", choices=["cpu", "cuda"], default="cuda")
    p.add_argument("--save_dir", default="../experiment/REDS_L1")
    p.add_argument("--load_epoch", type=int, default=200)
    p.add_argument("--demo_dir", default="../input")
    args = p.parse_args()
    if args.device_type == "cuda" and not torch.cuda.is_available():
        args.device_type = "cpu"
    device = torch.device(args.device_type)

    ckpt = Checkpointer(args.save_dir, device)
    model = ckpt.load_model(MSResNet(), args.load_epoch).eval()
    optimizer = ckpt.load_optimizer(torch.optim.Adam(model.parameters(), lr=1e-4), args.load_epoch)

    with torch.no_grad():
        for path in sorted(glob.glob(os.path.join(args.demo_dir, "*.png"))):
            blur = torch.from_numpy(imageio.imread(path).astype(np.float32)).permute(2, 0, 1)[None].to(device)
            sharp = model(blur).clamp(0, 255)[0].permute(1, 2, 0).round().byte().cpu().numpy()
            imageio.imwrite(path.replace(".png", "_deblur.png"), sharp)

if __name__ == "__main__":
    main()
