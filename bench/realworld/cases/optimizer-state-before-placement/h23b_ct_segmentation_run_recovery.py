# source: https://github.com/microsoft/InnerEye-DeepLearning/issues/198
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicSegModel(nn.Module):
    def __init__(self, in_channels=1, num_classes=2, width=16):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv3d(in_channels, width, 3, padding=1), nn.InstanceNorm3d(width), nn.ReLU(inplace=True),
            nn.Conv3d(width, width, 3, padding=1), nn.InstanceNorm3d(width), nn.ReLU(inplace=True),
            nn.Conv3d(width, num_classes, 1),
        )

    def forward(self, x):
        return self.net(x)


def create_model_and_optimizer(config, device, recovery_checkpoint=None):
    model = BasicSegModel(num_classes=config["num_classes"])
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=config["lr"], weight_decay=1e-4)
    start_epoch = 0
    if recovery_checkpoint is not None and os.path.isfile(recovery_checkpoint):
        state = torch.load(recovery_checkpoint, map_location=device)
        model.load_state_dict(state["state_dict"])
        optimizer.load_state_dict(state["opt_dict"])
        start_epoch = state["epoch"]
    return model, optimizer, start_epoch


def train_or_validate_epoch(model, optimizer, loader, device, train=True):
    model.train(train)
    losses = []
    for sample in loader:
        image = sample["image"].to(device)
        labels = sample["labels"].to(device)
        with torch.set_grad_enabled(train):
            loss = F.cross_entropy(model(image), labels)
            if train:
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        losses.append(loss.item())
    return sum(losses) / max(len(losses), 1)


def model_train(config, train_loader, val_loader, run_recovery=None):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model, optimizer, start = create_model_and_optimizer(config, device, run_recovery)
    for epoch in range(start, config["num_epochs"]):
        train_loss = train_or_validate_epoch(model, optimizer, train_loader, device, train=True)
        val_loss = train_or_validate_epoch(model, optimizer, val_loader, device, train=False)
        torch.save({"epoch": epoch + 1, "state_dict": model.state_dict(),
                    "opt_dict": optimizer.state_dict()}, f"checkpoints/{epoch + 1:03d}.pth")
        print(f"epoch {epoch}: train {train_loss:.4f} val {val_loss:.4f}")
