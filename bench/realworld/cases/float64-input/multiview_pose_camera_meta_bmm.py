# source: https://github.com/CHUNYUWANG/imu-human-pose-pytorch/issues/8
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: batch-dict, helper, loader-loop, class
# bug-lines: 18, 46
# cpu: raises "expected scalar type Double but found Float"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class MultiViewH36M(Dataset):
    def __init__(self, n=6, num_joints=4, heatmap=8):
        self.n, self.num_joints, self.heatmap = n, num_joints, heatmap
        # calibration parsed from the dataset's camera json: plain python floats -> float64
        self.cameras = [{"R": np.eye(3) + 0.01 * i, "T": np.array([[0.0], [0.0], [4.5 + i]])} for i in range(n)]

    def __getitem__(self, idx):
        img = torch.rand(3, 32, 32)
        cam = self.cameras[idx]
        meta = {"camera": {k: v for k, v in cam.items()}, "joints_vis": np.ones(self.num_joints, np.float32)}
        return img, meta

    def __len__(self):
        return self.n


class PoseHead(nn.Module):
    def __init__(self, num_joints=4):
        super().__init__()
        self.num_joints = num_joints
        self.net = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                 nn.Linear(8, num_joints * 2))

    def forward(self, x):
        return torch.tanh(self.net(x)).view(-1, self.num_joints, 2)


def batch_uv_to_global_with_multi_depth(uv, camera, depths):
    """uv: normalized image coordinates predicted by the network."""
    coords_img = torch.cat([uv, torch.ones_like(uv[..., :1])], dim=-1) * depths
    inv_cam_extri_R = torch.inverse(camera["R"])
    inv_cam_extri_T = -camera["T"]
    coords_global = torch.bmm(inv_cam_extri_R, coords_img.transpose(1, 2)) + inv_cam_extri_T
    return coords_global.transpose(1, 2)


def run_epoch(model, loader, device):
    model.eval()
    with torch.no_grad():
        for img, meta in loader:
            uv = model(img.to(device))
            depths = torch.full((uv.shape[0], uv.shape[1], 1), 4.5, device=device)
            camera = {k: v.to(device) for k, v in meta["camera"].items()}
            print(batch_uv_to_global_with_multi_depth(uv, camera, depths).shape)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    run_epoch(PoseHead().to(device), DataLoader(MultiViewH36M(), batch_size=3), device)
