# source: https://github.com/mit-han-lab/temporal-shift-module/issues/24
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# looks-like: parallel-wrap-before-placement
# shape: helper, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision.models import mobilenet_v2


class TemporalShiftNet(nn.Module):
    """2D backbone applied per frame, with a channel shift along time before each clip is pooled."""

    def __init__(self, num_classes, num_segments=8, shift_div=8):
        super().__init__()
        self.num_segments, self.shift_div = num_segments, shift_div
        self.base = mobilenet_v2(weights=None)
        self.base.classifier[-1] = nn.Linear(self.base.last_channel, num_classes)

    def shift(self, x):
        nt, c, h, w = x.shape
        x = x.view(nt // self.num_segments, self.num_segments, c, h, w)
        fold = c // self.shift_div
        out = torch.zeros_like(x)
        out[:, :-1, :fold] = x[:, 1:, :fold]
        out[:, 1:, fold:2 * fold] = x[:, :-1, fold:2 * fold]
        out[:, :, 2 * fold:] = x[:, :, 2 * fold:]
        return out.view(nt, c, h, w)

    def forward(self, clips):
        b = clips.size(0)
        frames = self.shift(clips.flatten(0, 1))
        logits = self.base(frames)
        return logits.view(b, self.num_segments, -1).mean(dim=1)


def build_model(num_classes, gpus):
    model = TemporalShiftNet(num_classes)
    model = model.cuda(gpus[0])
    return nn.DataParallel(model, device_ids=gpus)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpus", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    model = build_model(num_classes=400, gpus=args.gpus)
    main_device = torch.device(f"cuda:{args.gpus[0]}")
    criterion = nn.CrossEntropyLoss().cuda(args.gpus[0])
    optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9, weight_decay=1e-4)

    data = TensorDataset(torch.rand(32, 8, 3, 224, 224), torch.randint(0, 400, (32,)))
    for clips, target in DataLoader(data, batch_size=8, shuffle=True):
        clips, target = clips.to(main_device), target.to(main_device)
        loss = criterion(model(clips), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
