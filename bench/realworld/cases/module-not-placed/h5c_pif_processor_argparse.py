# source: https://github.com/openpifpaf/openpifpaf/issues/35
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, class, loader-loop
# bug-lines: 60
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, width, 3, stride=2, padding=1), nn.ReLU())
        self.block = nn.Sequential(nn.Conv2d(width, width, 3, padding=1), nn.ReLU())

    def forward(self, x):
        return self.block(self.stem(x))


class PifHead(nn.Module):
    def __init__(self, width=32, n_fields=17):
        super().__init__()
        self.conv = nn.Conv2d(width, n_fields * 4, 1)

    def forward(self, x):
        return self.conv(x)


def model_factory(args):
    net = nn.Sequential(Backbone(args.width), PifHead(args.width))
    if args.checkpoint:
        net.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    return net.eval()


class Processor:
    def __init__(self, model, device):
        self.model = model
        self.device = device

    def fields(self, image_batch):
        image_batch = image_batch.to(self.device)
        with torch.no_grad():
            return self.model(image_batch)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default=None)
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--scale", type=float, default=0.5)
    args = parser.parse_args()

    device = torch.device(type=args.device)
    model = model_factory(args)
    processor = Processor(model, device)

    frames = [torch.rand(3, 240, 320) for _ in range(8)]
    for frame in frames:
        batch = torch.nn.functional.interpolate(frame[None], scale_factor=args.scale)
        out = processor.fields(batch)
        print(out.shape)


if __name__ == "__main__":
    main()
