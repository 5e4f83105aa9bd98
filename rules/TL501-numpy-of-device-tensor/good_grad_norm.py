import math

import torch


def clipped_step(model, optimizer, loss, max_norm=1.0):
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    # math.isnan reads a 0-dim tensor's value on any device (float(t)); so does .item()
    if math.isnan(grad_norm) or not torch.isfinite(grad_norm).item():
        optimizer.zero_grad()
        return False
    optimizer.step()
    return True


def train(model, optimizer, batches, device):
    model.to(device)
    for x in batches:
        clipped_step(model, optimizer, model(x.to(device)).sum())
