# source: https://github.com/zhang-can/ECO-pytorch/issues/51
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop
# bug-lines: 33
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import SignClipDataset
from model import build_model


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--gpus", type=int, nargs="+", default=[0, 1])
    p.add_argument("--num-glosses", type=int, default=2000)
    p.add_argument("--resume", default=None)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=8)
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device(f"cuda:{args.gpus[0]}")
    model = build_model(args.num_glosses, args.resume)
    if len(args.gpus) > 1:
        model = nn.DataParallel(model, device_ids=args.gpus)
    else:
        model = model.to(device)

    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    loader = DataLoader(SignClipDataset(num_glosses=args.num_glosses), batch_size=args.batch_size,
                        shuffle=True, num_workers=2, pin_memory=True)

    for epoch in range(args.epochs):
        model.train()
        for step, (clips, labels) in enumerate(loader):
            clips = clips.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            loss = criterion(model(clips), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 5 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
