# source: https://github.com/roboflow/rf-detr/issues/1028
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument state_steps in method wrapper_CUDA___fused_adamw_)
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn
import torchvision


def build_detector(num_classes):
    backbone = torchvision.models.resnet50(weights=None)
    backbone.fc = nn.Identity()
    head = nn.Sequential(nn.Linear(2048, 256), nn.ReLU(), nn.Linear(256, num_classes + 4))
    return nn.Sequential(backbone, head)


def build_optimizer(model, lr=1e-4, lr_backbone=1e-5):
    groups = [
        {"params": [p for n, p in model.named_parameters() if n.startswith("0.")], "lr": lr_backbone},
        {"params": [p for n, p in model.named_parameters() if not n.startswith("0.")], "lr": lr},
    ]
    return torch.optim.AdamW(groups, weight_decay=1e-4, fused=True)


def resume(checkpoint_path, num_classes, device):
    ckpt = torch.load(checkpoint_path, map_location="cpu")
    model = build_detector(num_classes)
    model.load_state_dict(ckpt["model"])
    model.to(device)
    optimizer = build_optimizer(model)
    optimizer.load_state_dict(ckpt["optimizer"])
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=100)
    scheduler.load_state_dict(ckpt["lr_scheduler"])
    return model, optimizer, scheduler, ckpt["epoch"] + 1


def train(checkpoint_path, loader, num_classes=80, epochs=120):
    device = torch.device("cuda")
    model, optimizer, scheduler, start = resume(checkpoint_path, num_classes, device)
    model.train()
    for epoch in range(start, epochs):
        for images, targets in loader:
            images, targets = images.to(device), targets.to(device)
            out = model(images)
            loss = nn.functional.cross_entropy(out[:, :num_classes], targets[:, 0].long())
            loss = loss + nn.functional.l1_loss(out[:, num_classes:], targets[:, 1:])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "lr_scheduler": scheduler.state_dict(), "epoch": epoch},
                   os.path.join("output", "checkpoint.pth"))


if __name__ == "__main__":
    data = torch.utils.data.TensorDataset(torch.randn(64, 3, 224, 224), torch.rand(64, 5) * 79)
    train("output/checkpoint.pth", torch.utils.data.DataLoader(data, batch_size=8))
