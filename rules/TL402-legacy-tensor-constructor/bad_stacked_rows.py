# The predictions come back from a helper as one numpy array stacked from rows the
# analysis cannot see into (a renderer's output, read back from a queue): numpy's
# `stack` and `concatenate` always give an array, and `torch.Tensor` of it is a CPU
# tensor that meets the targets on the GPU.
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
    preds = torch.Tensor(render_all(renderer, poses))  # expect: TL402:13 lines=21
    mse = ((preds - targets) ** 2).mean()
    return -10.0 * torch.log10(mse)
