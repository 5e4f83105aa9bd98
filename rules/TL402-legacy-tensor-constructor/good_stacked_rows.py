# The stacked array is made a tensor on the targets' device (or compared on the CPU).
import numpy as np
import torch

device = torch.device("cuda")


def render_all(renderer, poses):
    frames = []
    for pose in poses:
        frames.append(renderer.render(pose))
    return np.stack(frames, 0)


def psnr(renderer, poses, targets):
    targets = targets.to(device)
    preds = torch.tensor(render_all(renderer, poses), dtype=torch.float32, device=device)
    mse = ((preds - targets) ** 2).mean()
    return -10.0 * torch.log10(mse)


def psnr_cpu(renderer, poses, targets):
    preds = torch.Tensor(np.concatenate([render_all(renderer, poses)], 0))
    mse = ((preds - targets.cpu()) ** 2).mean()
    return -10.0 * torch.log10(mse)
