# clip_grad_norm_ returns the total norm as a tensor where the parameters are.
import numpy as np
import torch


def clipped_step(model, optimizer, loss, max_norm=1.0):
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    if np.isnan(grad_norm):  # expect: TL501:8 lines=17
        optimizer.zero_grad()
        return False
    optimizer.step()
    return True


def train(model, optimizer, batches, device):
    model.to(device)
    for x in batches:
        clipped_step(model, optimizer, model(x.to(device)).sum())
