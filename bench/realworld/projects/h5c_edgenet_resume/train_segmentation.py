# source: https://github.com/sacmehta/EdgeNets/issues/25
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 37, 42
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from builder import build_model, build_optimizer


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--s", type=float, default=2.0)
    parser.add_argument("--num-classes", type=int, default=21)
    parser.add_argument("--lr", type=float, default=0.009)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--resume", default=None)
    return parser.parse_args()


def main():
    args = parse_args()
    model = build_model(args)
    optimizer = build_optimizer(model, args)

    start_epoch, best_miou = 0, 0.0
    if args.resume:
        checkpoint = torch.load(args.resume, map_location=torch.device("cpu"))
        start_epoch = checkpoint["epoch"]
        best_miou = checkpoint["best_miou"]
        model.load_state_dict(checkpoint["state_dict"])
        optimizer.load_state_dict(checkpoint["optimizer"])

    num_gpus = torch.cuda.device_count()
    device = "cuda" if num_gpus > 0 else "cpu"
    if num_gpus >= 1:
        model = model.cuda()

    images = torch.rand(16, 3, 64, 64)
    masks = torch.randint(0, args.num_classes, (16, 64, 64))
    loader = DataLoader(TensorDataset(images, masks), batch_size=4, shuffle=True)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(start_epoch, start_epoch + args.epochs):
        for inputs, target in loader:
            inputs, target = inputs.to(device), target.to(device)
            loss = criterion(model(inputs), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save({"epoch": epoch + 1, "best_miou": best_miou, "state_dict": model.state_dict(),
                    "optimizer": optimizer.state_dict()}, "checkpoint.pth.tar")


if __name__ == "__main__":
    main()
