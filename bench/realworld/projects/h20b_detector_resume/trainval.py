# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/222
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop
# bug-lines: 56, 61
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train / resume the toy detector.  python trainval.py --cuda --r --checksession 1 --checkepoch 3 --checkpoint 99"""
import argparse
import os

import torch
import torch.nn as nn

from checkpoint import checkpoint_name, restore_state, save_state
from net import TinyDetector


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--cuda", action="store_true")
    p.add_argument("--mGPUs", action="store_true")
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--save_dir", default="models")
    p.add_argument("--r", dest="resume", action="store_true")
    p.add_argument("--checksession", type=int, default=1)
    p.add_argument("--checkepoch", type=int, default=1)
    p.add_argument("--checkpoint", type=int, default=0)
    return p.parse_args()


def synthetic_batches(n, batch_size=8, size=256, num_classes=21):
    for _ in range(n):
        cells = size // 8
        yield (torch.randn(batch_size, 3, size, size),
               torch.randint(0, num_classes, (batch_size, cells, cells)),
               torch.randn(batch_size, 4, cells, cells))


def main():
    args = parse_args()
    os.makedirs(args.save_dir, exist_ok=True)
    detector = TinyDetector()

    params = []
    for key, value in dict(detector.named_parameters()).items():
        if value.requires_grad:
            lr = args.lr * 2 if "bias" in key else args.lr
            params += [{"params": [value], "lr": lr, "weight_decay": 0 if "bias" in key else 1e-4}]
    optimizer = torch.optim.SGD(params, momentum=0.9)

    session, start_epoch = args.checksession, 1
    if args.resume:
        load_name = checkpoint_name(args.save_dir, args.checksession, args.checkepoch, args.checkpoint)
        session, start_epoch = restore_state(load_name, detector, optimizer)

    if args.mGPUs:
        detector = nn.DataParallel(detector)
    if args.cuda:
        detector.cuda()

    for epoch in range(start_epoch, args.epochs + 1):
        detector.train()
        for step, (images, labels, boxes) in enumerate(synthetic_batches(100)):
            if args.cuda:
                images, labels, boxes = images.cuda(), labels.cuda(), boxes.cuda()
            loss_cls, loss_box = detector(images, labels, boxes)
            loss = loss_cls.mean() + loss_box.mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 20 == 0:
                print(f"[session {session}][epoch {epoch:2d}][iter {step:4d}] loss: {loss.item():.4f}")
        save_state(checkpoint_name(args.save_dir, session, epoch, step), detector, optimizer, session, epoch + 1)


if __name__ == "__main__":
    main()
