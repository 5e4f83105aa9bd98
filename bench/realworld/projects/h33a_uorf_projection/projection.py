# source: https://github.com/KovenYu/uORF/pull/16
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 36, 37
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class Projection:
    """Maps a camera frustum grid to world-space sample points for object-centric NeRF."""

    def __init__(self, focal_ratio=(350.0 / 320.0, 350.0 / 240.0), device="cpu",
                 frustum_size=(64, 64, 128), near=6.0, far=20.0):
        self.focal_ratio = focal_ratio
        self.device = device
        self.frustum_size = frustum_size
        self.near, self.far = near, far
        W, H, _ = frustum_size
        self.spixel2cam = torch.tensor([
            [1.0 / (focal_ratio[0] * W / 2), 0.0, -1.0 / focal_ratio[0], 0.0],
            [0.0, 1.0 / (focal_ratio[1] * H / 2), -1.0 / focal_ratio[1], 0.0],
            [0.0, 0.0, 1.0, 0.0],
            [0.0, 0.0, 0.0, 1.0],
        ], device=device)

    def construct_frus_coor(self):
        x = torch.arange(self.frustum_size[0])
        y = torch.arange(self.frustum_size[1])
        z = torch.arange(self.frustum_size[2])
        z_frus, y_frus, x_frus = torch.meshgrid([z, y, x], indexing="ij")
        x_frus = x_frus.flatten().to(self.device)
        y_frus = y_frus.flatten().to(self.device)
        z_frus = z_frus.flatten().to(self.device)
        depth_range = torch.linspace(self.near, self.far, self.frustum_size[2])
        z_cam = depth_range[z_frus].to(self.device)
        x_unnorm = x_frus * z_cam
        y_unnorm = y_frus * z_cam
        return torch.stack([x_unnorm, y_unnorm, z_cam, torch.ones_like(z_cam)], dim=0)

    def construct_sampling_coor(self, cam2world):
        """cam2world: (N, 4, 4) on self.device -> world points (N, D*H*W, 3) and z values."""
        pixel_coor = self.construct_frus_coor()
        cam_coor = self.spixel2cam @ pixel_coor
        world_coor = (cam2world @ cam_coor)[:, :3].permute(0, 2, 1)
        z_vals = torch.linspace(self.near, self.far, self.frustum_size[2], device=self.device)
        return world_coor, z_vals
