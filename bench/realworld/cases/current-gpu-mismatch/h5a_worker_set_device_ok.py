# source: https://github.com/replicate/cog/issues/971
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:1
# pattern: current-gpu-mismatch
# shape: class, helper
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torch.nn as nn


class Upscaler(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(32, 12, 3, padding=1), nn.PixelShuffle(2))

    def forward(self, x):
        return self.body(x)


class Predictor:
    def setup(self, gpu):
        torch.cuda.set_device(gpu)
        self.model = Upscaler().cuda()
        self.model.eval()
        self.mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1).cuda()

    def preprocess(self, image):
        return image.cuda(non_blocking=True) - self.mean

    @torch.no_grad()
    def predict(self, image):
        out = self.model(self.preprocess(image))
        return (out + self.mean).clamp(0, 1).cpu()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=int(os.environ.get("LOCAL_RANK", 1)))
    args = parser.parse_args()
    predictor = Predictor()
    predictor.setup(args.gpu)
    print(predictor.predict(torch.rand(1, 3, 32, 32)).shape)
