# source: https://github.com/google-research/big_transfer/issues/73
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:1
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 34, 36
# cpu: clean
# needs: torch
import argparse
import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

logger = logging.getLogger("bit")


def make_backbone(num_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.GroupNorm(4, 16), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, num_classes),
    )


def get_loaders(batch):
    x = torch.randn(64, 3, 32, 32)
    y = torch.randint(0, 10, (64,))
    return DataLoader(TensorDataset(x, y), batch_size=batch, shuffle=True)


def setup_model(args, device):
    model = make_backbone()
    logger.info("Moving model onto all GPUs")
    model = nn.DataParallel(model)
    optim = torch.optim.SGD(model.parameters(), lr=args.base_lr, momentum=0.9)
    model = model.to(device)
    return model, optim


def main(args):
    device = torch.device(f"cuda:{args.gpu}" if torch.cuda.is_available() else "cpu")
    logger.info(f"Going to train on {device}")
    model, optim = setup_model(args, device)
    crit = nn.CrossEntropyLoss().to(device)
    model.train()
    for step, (x, y) in enumerate(get_loaders(args.batch)):
        x = x.to(device, non_blocking=True)
        y = y.to(device, non_blocking=True)
        logits = model(x)
        loss = crit(logits, y)
        optim.zero_grad()
        loss.backward()
        optim.step()
        logger.info(f"[step {step}]: loss={loss.item():.5f}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--base_lr", type=float, default=0.003)
    main(parser.parse_args())
