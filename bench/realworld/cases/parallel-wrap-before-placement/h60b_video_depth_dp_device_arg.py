# source: https://github.com/pytorch/pytorch/issues/69966
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: top-level, loader-loop
# bug-lines: 54, 55
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""Per-frame monocular depth for a folder of extracted video frames."""
import argparse
import os

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets.folder import default_loader


class FrameFolder(torch.utils.data.Dataset):
    def __init__(self, root, size=(384, 512)):
        self.paths = sorted(os.path.join(root, f) for f in os.listdir(root) if f.endswith(".png"))
        self.tf = transforms.Compose([transforms.Resize(size), transforms.ToTensor(),
                                      transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return self.tf(default_loader(self.paths[i])), os.path.basename(self.paths[i])


class DepthNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3), nn.ReLU(), nn.Conv2d(64, 128, 3, 2, 1), nn.ReLU())
        self.decoder = nn.Sequential(nn.Upsample(scale_factor=4, mode="bilinear"), nn.Conv2d(128, 1, 3, 1, 1))

    def forward(self, x):
        return torch.sigmoid(self.decoder(self.encoder(x))) * 80.0


parser = argparse.ArgumentParser()
parser.add_argument("--frames", default="frames/")
parser.add_argument("--weights", default="depthnet_kitti.pth")
parser.add_argument("--device", default="cpu", help="e.g. cuda:0")
parser.add_argument("--out", default="depth/")
args = parser.parse_args()

device = torch.device(args.device)
model = DepthNet()
model.load_state_dict(torch.load(args.weights, map_location="cpu"))
if torch.cuda.device_count() > 0:
    model = nn.DataParallel(model)
model.to(device)
model.eval()

os.makedirs(args.out, exist_ok=True)
loader = DataLoader(FrameFolder(args.frames), batch_size=8, num_workers=4)
with torch.no_grad():
    for images, names in loader:
        depth = model(images.to(device))
        for name, d in zip(names, depth[:, 0].cpu().numpy()):
            np.save(os.path.join(args.out, name.replace(".png", ".npy")), d.astype(np.float32))
