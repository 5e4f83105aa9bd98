# source: https://github.com/securefederatedai/openfederatedlearning/issues/298 https://github.com/securefederatedai/openfederatedlearning/pull/351
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 17
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch

from model import soft_dice_loss


def train(net_model, train_loader, optimizer, device, loss_fn=soft_dice_loss):
    net_model.train()
    net_model.to(device)
    losses = []
    for batch in train_loader:
        data = batch["image"].to(device)
        target = batch["mask"].to(device)
        optimizer.zero_grad()
        output = net_model(data)
        loss = loss_fn(output, target)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return {"train_loss": float(np.mean(losses))}


@torch.no_grad()
def validate(net_model, val_loader, device):
    net_model.eval()
    net_model.to(device)
    dice = []
    for batch in val_loader:
        output = net_model(batch["image"].to(device))
        target = batch["mask"].to(device)
        dice.append(1.0 - soft_dice_loss((output > 0.5).float(), target).item())
    return {"dice_coef": float(np.mean(dice))}
