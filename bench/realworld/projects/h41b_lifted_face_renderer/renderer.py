# source: https://github.com/seasonSH/LiftedGAN/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class, helper
# bug-lines: 22, 35
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from camera_utils import intrinsics, look_at_rotation, yaw_matrix


class DepthRenderer:
    """Lifts a canonical depth map to a point cloud and re-projects it under a new yaw."""

    def __init__(self, image_size=128, fov=10.0, min_depth=0.9, max_depth=1.1, device="cuda"):
        self.device = device
        self.image_size = image_size
        self.rot_center = (min_depth + max_depth) / 2
        self.K = intrinsics(image_size, fov, device)
        self.inv_K = torch.inverse(self.K)
        self.R_view = look_at_rotation(((0, 0, 0),), at=((0, 0, 1),), up=((0, -1, 0),))

    def depth_to_points(self, depth):
        b, h, w = depth.shape
        ys, xs = torch.meshgrid(torch.arange(h, device=depth.device),
                                torch.arange(w, device=depth.device), indexing="ij")
        pix = torch.stack([xs, ys, torch.ones_like(xs)], -1).float().view(1, -1, 3)
        return (pix @ self.inv_K.T) * depth.view(b, -1, 1)

    def project(self, points, yaw):
        center = torch.tensor([0.0, 0.0, self.rot_center], device=points.device)
        rot = yaw_matrix(yaw, points.device)
        points = (points - center) @ rot.T + center
        cam_points = points @ self.R_view[0].T
        uv = cam_points @ self.K.T
        uv = uv[..., :2] / uv[..., 2:].clamp(min=1e-6)
        return uv / (self.image_size - 1) * 2 - 1

    def render_yaw(self, image, depth, yaw):
        b, c, h, w = image.shape
        grid = self.project(self.depth_to_points(depth), yaw).view(b, h, w, 2)
        return torch.nn.functional.grid_sample(image, grid, align_corners=True)
