# source: https://github.com/Daniil-Osokin/lightweight-human-pose-estimation.pytorch/issues/208 https://github.com/microsoft/Cream/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file, loader-loop
# bug-lines: 27, 30
# cpu: clean
# needs: torch
import argparse
import os
import tempfile

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from checkpoint import load_checkpoint, save_checkpoint
from model import build_model


def train(args):
    net = build_model({"num_heatmaps": 19, "num_pafs": 38})
    optimizer = torch.optim.SGD(net.parameters(), lr=args.base_lr, momentum=0.9, weight_decay=5e-4)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[100, 200], gamma=0.333)

    num_iter, current_epoch = 0, 0
    if args.checkpoint_path and os.path.exists(args.checkpoint_path):
        current_epoch, num_iter = load_checkpoint(args.checkpoint_path, net, optimizer, scheduler,
                                                  weights_only=args.weights_only)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = net.to(device)

    data = TensorDataset(torch.randn(16, 3, 32, 32), torch.rand(16, 19, 8, 8), torch.rand(16, 38, 8, 8))
    loader = DataLoader(data, batch_size=4, shuffle=True)
    net.train()
    for epoch in range(current_epoch, current_epoch + args.epochs):
        for images, keypoint_maps, paf_maps in loader:
            images = images.to(device)
            heatmaps, pafs = net(images)
            loss = F.mse_loss(heatmaps, keypoint_maps.to(device)) + F.mse_loss(pafs, paf_maps.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            num_iter += 1
        scheduler.step()
        save_checkpoint(args.checkpoint_path, net, optimizer, scheduler, epoch + 1, num_iter)
        print(f"epoch {epoch}: iter {num_iter} loss {loss.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-lr", type=float, default=4e-5)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--checkpoint-path", default=os.path.join(tempfile.gettempdir(), "pose", "checkpoint_last.pth"))
    parser.add_argument("--weights-only", action="store_true")
    train(parser.parse_args())
