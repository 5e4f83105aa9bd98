# source: https://github.com/alen-smajic/Stable-Diffusion-Latent-Space-Explorer/issues/3
# error: RuntimeError: Input type (double) and bias type (c10::Half) should be the same
# pattern: float64-input
# shape: multi-file, helper
# bug-lines: 50
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Interpolation helpers shared by the latent-walk experiments."""
import numpy as np
import torch


def interpolate(start, end, n_between, method="slerp"):
    """Return [start, ..., end] with ``n_between`` points in the middle."""
    if start is None or end is None:
        return [None] * (n_between + 2)
    frames = []
    for t in np.linspace(0.0, 1.0, n_between + 2):
        if method == "slerp":
            frames.append(slerp(start, end, t))
        else:
            frames.append(torch.lerp(start, end, float(t)))
    return frames


def slerp(v0, v1, t, dot_threshold=0.9995):
    """Spherical interpolation, done in numpy for numerical headroom."""
    was_torch = False
    if isinstance(v0, torch.Tensor):
        was_torch = True
        device = v0.device
        v0 = v0.detach().cpu().numpy().astype(np.float64)
        v1 = v1.detach().cpu().numpy().astype(np.float64)

    v0_unit = v0 / np.linalg.norm(v0)
    v1_unit = v1 / np.linalg.norm(v1)
    dot = np.sum(v0_unit * v1_unit)

    if np.abs(dot) > dot_threshold:
        out = (1 - t) * v0 + t * v1
    else:
        theta_0 = np.arccos(dot)
        sin_theta_0 = np.sin(theta_0)
        theta_t = theta_0 * t
        s0 = np.sin(theta_0 - theta_t) / sin_theta_0
        s1 = np.sin(theta_t) / sin_theta_0
        out = s0 * v0 + s1 * v1

    if was_torch:
        out = torch.from_numpy(out).to(device)
    return out
