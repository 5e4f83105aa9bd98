# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/475 https://github.com/jwyang/faster-rcnn.pytorch/issues/522
# error: RuntimeError: expected type torch.FloatTensor but got torch.cuda.FloatTensor
# pattern: optimizer-state-before-placement
# shape: top-level, helper
# bug-lines: 60, 63
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Resume detector training from a saved session/epoch checkpoint."""
import argparse
import os

import torch
import torchvision


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--cuda", action="store_true")
    p.add_argument("--r", dest="resume", action="store_true")
    p.add_argument("--checksession", type=int, default=1)
    p.add_argument("--checkepoch", type=int, default=1)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--save_dir", default="models/res50/coco")
    return p.parse_args()


def build_param_groups(net, lr, weight_decay=1e-4):
    groups = []
    for name, param in net.named_parameters():
        if not param.requires_grad:
            continue
        if "bias" in name:
            groups.append({"params": [param], "lr": lr * 2, "weight_decay": 0})
        else:
            groups.append({"params": [param], "lr": lr, "weight_decay": weight_decay})
    return groups


def fake_batch(device):
    images = [torch.rand(3, 480, 640, device=device)]
    targets = [{"boxes": torch.tensor([[40., 60., 200., 220.]], device=device),
                "labels": torch.tensor([3], device=device)}]
    return images, targets


if __name__ == "__main__":
    args = parse_args()
    fasterRCNN = torchvision.models.detection.fasterrcnn_resnet50_fpn(weights=None, num_classes=81)
    fasterRCNN.train()

    lr = args.lr
    optimizer = torch.optim.SGD(build_param_groups(fasterRCNN, lr), momentum=0.9)
    start_epoch = 1

    if args.resume:
        load_name = os.path.join(args.save_dir, "faster_rcnn_{}_{}.pth".format(
            args.checksession, args.checkepoch))
        checkpoint = torch.load(load_name, map_location="cpu")
        fasterRCNN.load_state_dict(checkpoint["model"])
        optimizer.load_state_dict(checkpoint["optimizer"])
        start_epoch = checkpoint["epoch"] + 1
    if args.cuda:
        fasterRCNN.cuda()

    device = torch.device("cuda" if args.cuda else "cpu")
    for epoch in range(start_epoch, start_epoch + 2):
        for step in range(100):
            images, targets = fake_batch(device)
            loss_dict = fasterRCNN(images, targets)
            loss = sum(loss_dict.values())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save({"model": fasterRCNN.state_dict(), "optimizer": optimizer.state_dict(),
                    "epoch": epoch}, os.path.join(args.save_dir, "faster_rcnn_1_{}.pth".format(epoch)))
