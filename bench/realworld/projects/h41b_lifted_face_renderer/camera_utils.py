# source: https://github.com/seasonSH/LiftedGAN/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn.functional as F


def look_at_rotation(camera_position, at=((0, 0, 0),), up=((0, 1, 0),), device="cpu"):
    """World-to-view rotation for cameras at `camera_position` looking at `at`.

    Mirrors the pytorch3d helper, including its CPU default for `device`.
    """
    cam = torch.tensor(camera_position, dtype=torch.float32, device=device)
    at = torch.tensor(at, dtype=torch.float32, device=device)
    up = torch.tensor(up, dtype=torch.float32, device=device)
    z_axis = F.normalize(at - cam, dim=1)
    x_axis = F.normalize(torch.cross(up.expand_as(z_axis), z_axis, dim=1), dim=1)
    y_axis = F.normalize(torch.cross(z_axis, x_axis, dim=1), dim=1)
    return torch.stack([x_axis, y_axis, z_axis], dim=1).transpose(1, 2)


def intrinsics(image_size, fov_deg, device):
    f = (image_size - 1) / 2 / math.tan(math.radians(fov_deg) / 2)
    c = (image_size - 1) / 2
    return torch.tensor([[f, 0.0, c], [0.0, f, c], [0.0, 0.0, 1.0]], device=device)


def yaw_matrix(angle, device):
    ca, sa = math.cos(angle), math.sin(angle)
    return torch.tensor([[ca, 0.0, sa], [0.0, 1.0, 0.0], [-sa, 0.0, ca]], device=device)
