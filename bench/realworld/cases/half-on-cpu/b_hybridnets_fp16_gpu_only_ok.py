# source: https://github.com/datvuthanh/HybridNets/issues/28
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class HybridNetsBackbone(nn.Module):
    def __init__(self, num_classes=2, seg_classes=1):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.SiLU())
        self.det = nn.Conv2d(16, 4 + num_classes, 1)
        self.seg = nn.Conv2d(16, seg_classes, 1)

    def forward(self, x):
        f = self.encoder(x)
        return self.det(f), self.seg(f)


def build_model(weights_path, use_cuda, use_float16):
    model = HybridNetsBackbone()
    model.requires_grad_(False)
    model.eval()
    if use_cuda:
        model = model.cuda()
        if use_float16:
            model = model.half()
    return model


def run(model, loader, use_cuda, use_float16):
    with torch.no_grad():
        for (x,) in loader:
            if use_cuda:
                x = x.cuda()
                if use_float16:
                    x = x.half()
            regression, segmentation = model(x)
            print(regression.shape, segmentation.dtype)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--float16", type=bool, default=True)
    args = parser.parse_args([])
    use_cuda = torch.cuda.is_available()
    use_float16 = args.float16 and use_cuda
    model = build_model("weights/hybridnets.pth", use_cuda, use_float16)
    loader = DataLoader(TensorDataset(torch.rand(4, 3, 64, 64)), batch_size=2)
    run(model, loader, use_cuda, use_float16)
