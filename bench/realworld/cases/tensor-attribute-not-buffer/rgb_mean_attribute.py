# source: https://github.com/ChaofWang/AWSRN/issues/14
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #3 'other'
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# bug-lines: 17
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn


class AWSRN(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.rgb_mean = torch.tensor([0.4488, 0.4371, 0.4040]).view(1, 3, 1, 1)
        feats = args.n_feats
        self.head = nn.Conv2d(3, feats, 3, padding=1)
        self.body = nn.Sequential(*[nn.Sequential(nn.Conv2d(feats, feats, 3, padding=1), nn.ReLU())
                                    for _ in range(args.n_resblocks)])
        self.tail = nn.Sequential(nn.Conv2d(feats, 3 * args.scale ** 2, 3, padding=1),
                                  nn.PixelShuffle(args.scale))

    def forward(self, x):
        x = (x - self.rgb_mean * 255) / 127.5
        x = self.head(x)
        x = self.tail(self.body(x) + x)
        return x * 127.5 + self.rgb_mean * 255


def build_model(args):
    device = torch.device("cpu" if args.cpu or not torch.cuda.is_available() else "cuda")
    return AWSRN(args).to(device), device


def test(model, device, lr_images):
    model.eval()
    with torch.no_grad():
        return [model(lr.unsqueeze(0).to(device)).clamp(0, 255) for lr in lr_images]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=2)
    parser.add_argument("--n_feats", type=int, default=16)
    parser.add_argument("--n_resblocks", type=int, default=2)
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    model, device = build_model(args)
    sr = test(model, device, torch.rand(2, 3, 24, 24) * 255)
    print([t.shape for t in sr])
