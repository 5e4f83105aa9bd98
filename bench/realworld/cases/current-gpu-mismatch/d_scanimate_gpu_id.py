# source: https://github.com/shunsukesaito/SCANimate/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: loader-loop, batch-dict, helper
# bug-lines: 38
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ScanDataset(Dataset):
    def __len__(self):
        return 12

    def __getitem__(self, idx):
        return {"pts_surf": torch.randn(64, 3), "smpl_vertices": torch.randn(32, 3),
                "smpl_joints": torch.randn(24, 3)}


class SkinningNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(3, 32), nn.ReLU(), nn.Linear(32, 24))

    def forward(self, pts, joints):
        w = self.mlp(pts).softmax(-1)
        return torch.einsum("bnj,bjc->bnc", w, joints)


def train_epoch(net, loader, optimizer, cuda):
    for data in loader:
        pts = data["pts_surf"].to(cuda)
        if torch.cuda.is_available():
            joints = data["smpl_joints"].cuda()
        else:
            joints = data["smpl_joints"]
        pred = net(pts, joints)
        loss = (pred - pts).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu_id", type=int, default=1)
    opt = parser.parse_args([])
    cuda = torch.device("cuda:%d" % opt.gpu_id) if torch.cuda.is_available() else torch.device("cpu")
    net = SkinningNet().to(cuda)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    print(train_epoch(net, DataLoader(ScanDataset(), batch_size=4), optimizer, cuda))
