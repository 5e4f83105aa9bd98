# source: https://github.com/MengHao666/Minimal-Hand-pytorch/issues/79
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_mm)
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class IKNet(nn.Module):
    """Regresses MANO axis-angle pose (16 joints x 3) from 21 root-relative 3D keypoints."""

    def __init__(self, n_joints=21, hidden=1024, depth=4):
        super().__init__()
        layers, width = [], n_joints * 3
        for _ in range(depth):
            layers += [nn.Linear(width, hidden), nn.BatchNorm1d(hidden), nn.Sigmoid()]
            width = hidden
        self.body = nn.Sequential(*layers)
        self.pose_head = nn.Linear(hidden, 16 * 3)

    def forward(self, joints):
        return self.pose_head(self.body(joints.flatten(1)))


def load_iknet(ckpt_path, device):
    net = IKNet()
    state = torch.load(ckpt_path, map_location="cpu")
    net.load_state_dict(state["iknet"])
    return net.to(device).eval()
