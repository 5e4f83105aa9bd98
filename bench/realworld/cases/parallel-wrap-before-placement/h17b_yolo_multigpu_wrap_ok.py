# source: https://github.com/ujsyehao/yolov3-multigpu/issues/5
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:1
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, batch-dict
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse

import torch
import torch.nn as nn


class TinyDarknet(nn.Module):
    def __init__(self, num_anchors=3, num_classes=80):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.LeakyReLU(0.1),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.LeakyReLU(0.1),
        )
        self.head = nn.Conv2d(64, num_anchors * (5 + num_classes), 1)

    def forward(self, imgs):
        return self.head(self.features(imgs))


def build_model(gpu_ids):
    model = TinyDarknet()
    primary = torch.device("cuda", gpu_ids[0])
    model = model.to(primary)
    if len(gpu_ids) > 1:
        model = nn.DataParallel(model, device_ids=gpu_ids, output_device=gpu_ids[0])
    return model, primary


def train(model, primary, batches, epochs=1):
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    for _ in range(epochs):
        for batch in batches:
            imgs = batch["imgs"].to(primary)
            targets = batch["targets"].to(primary)
            preds = model(imgs)
            loss = (preds.mean(dim=(1, 2, 3)) - targets.mean(dim=1)).pow(2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpus", type=str, default="1,3")
    args = parser.parse_args()
    gpu_ids = [int(g) for g in args.gpus.split(",")]
    net, dev = build_model(gpu_ids)
    data = [{"imgs": torch.rand(8, 3, 416, 416), "targets": torch.rand(8, 6)} for _ in range(4)]
    train(net, dev, data)
