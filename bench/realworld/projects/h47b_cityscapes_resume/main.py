# source: https://github.com/VainF/DeepLabV3Plus-Pytorch/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop
# bug-lines: 37, 39, 52
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train (or continue training) the driving-scene segmentation model on Cityscapes crops."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from checkpoint import restore_checkpoint, save_checkpoint
from network import DeepLabLite


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", default="checkpoints/latest_deeplablite_cityscapes.pth")
    p.add_argument("--continue_training", action="store_true")
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--total_itrs", type=int, default=30000)
    return p.parse_args()


def main():
    opts = get_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = DeepLabLite(num_classes=19)
    optimizer = torch.optim.SGD([
        {"params": model.backbone.parameters(), "lr": 0.1 * opts.lr},
        {"params": model.classifier.parameters(), "lr": opts.lr},
    ], lr=opts.lr, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, opts.total_itrs, power=0.9)
    cur_itrs, best_score = restore_checkpoint(opts.ckpt, model, optimizer, scheduler, opts.continue_training)
    model = nn.DataParallel(model)
    model.to(device)

    data = TensorDataset(torch.randn(16, 3, 256, 512), torch.randint(0, 19, (16, 256, 512)))
    train_loader = DataLoader(data, batch_size=4, shuffle=True, drop_last=True)
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    model.train()
    while cur_itrs < opts.total_itrs:
        for images, labels in train_loader:
            cur_itrs += 1
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            scheduler.step()
            if cur_itrs % 1000 == 0:
                save_checkpoint(opts.ckpt, model, optimizer, scheduler, cur_itrs, best_score)
            if cur_itrs >= opts.total_itrs:
                break


if __name__ == "__main__":
    main()
