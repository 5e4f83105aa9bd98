import argparse

import torch
from torch import nn


def make_backbone(classes=10):
    return nn.Sequential(nn.Conv2d(3, 16, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, classes))


# The chosen GPU is the first of device_ids: DataParallel replicates from there.
def on_chosen(args):
    device = torch.device(f"cuda:{args.gpu}")
    model = nn.DataParallel(make_backbone(), device_ids=[args.gpu]).to(device)
    return model(torch.randn(8, 3, 32, 32).to(device))


# Every GPU, and the model on cuda:0 (the current GPU): device_ids[0].
def on_current():
    model = nn.DataParallel(make_backbone()).to("cuda")
    model2 = nn.DataParallel(make_backbone()).cuda()
    x = torch.randn(8, 3, 32, 32).cuda()
    return model(x), model2(x)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    on_chosen(parser.parse_args())
    on_current()
