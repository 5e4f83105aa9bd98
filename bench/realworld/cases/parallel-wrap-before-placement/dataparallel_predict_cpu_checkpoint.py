# source: https://github.com/otenim/GLCIC-PyTorch/issues/8
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, batch-dict
# bug-lines: 32
# cpu: clean
# needs: torch, numpy
import argparse
import io
import json

import numpy as np
import torch
from torch import nn


class CompletionNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(4, 32, 5, padding=2), nn.BatchNorm2d(32), nn.ReLU(),
            nn.Conv2d(32, 3, 3, padding=1), nn.Sigmoid(),
        )

    def forward(self, x):
        return self.net(x)


def load_model(config, checkpoint):
    model = CompletionNetwork()
    if config["data_parallel"]:
        model = torch.nn.DataParallel(model)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    return model.eval()


def gen_input_mask(shape, hole=(24, 48), max_holes=3, rng=np.random):
    mask = torch.zeros(shape)
    for _ in range(rng.randint(1, max_holes + 1)):
        w, h = rng.randint(*hole), rng.randint(*hole)
        x, y = rng.randint(0, shape[3] - w), rng.randint(0, shape[2] - h)
        mask[:, :, y:y + h, x:x + w] = 1.0
    return mask


def inpaint(model, sample, mpv):
    x, mask = sample["image"], sample["mask"]
    with torch.no_grad():
        x_mask = x - x * mask + mpv * mask
        output = model(torch.cat((x_mask, mask), dim=1))
    return x - x * mask + output * mask


def main(args):
    config = json.loads(args.config)
    # a checkpoint saved from a DataParallel-wrapped model during training
    buf = io.BytesIO()
    torch.save(nn.DataParallel(CompletionNetwork()).state_dict(), buf)
    buf.seek(0)
    model = load_model(config, buf)

    mpv = torch.tensor(config["mpv"]).view(1, 3, 1, 1)
    image = torch.from_numpy(np.random.rand(1, 3, args.img_size, args.img_size).astype(np.float32))
    sample = {"image": image, "mask": gen_input_mask((1, 1, args.img_size, args.img_size))}
    print(inpaint(model, sample, mpv).shape)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--config", default='{"data_parallel": true, "mpv": [0.46, 0.45, 0.41]}')
    p.add_argument("--img_size", type=int, default=96)
    main(p.parse_args())
