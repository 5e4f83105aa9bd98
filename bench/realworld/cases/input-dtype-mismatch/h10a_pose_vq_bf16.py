# source: https://github.com/lucidrains/vector-quantize-pytorch/issues/116
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and BFloat16
# pattern: input-dtype-mismatch
# shape: class, loader-loop, batch-dict
# bug-lines: 48, 61
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class PoseDataset(Dataset):
    def __init__(self, path):
        self.poses = np.load(path)["poses"]  # (N, frames, joints * 3)

    def __len__(self):
        return len(self.poses)

    def __getitem__(self, idx):
        return {"pose": torch.from_numpy(self.poses[idx])}


class FSQ(nn.Module):
    def __init__(self, dim, levels=(8, 5, 5, 5)):
        super().__init__()
        self.register_buffer("levels", torch.tensor(levels), persistent=False)
        self.project_in = nn.Linear(dim, len(levels))
        self.project_out = nn.Linear(len(levels), dim)

    def forward(self, z):
        z = self.project_in(z)
        half = (self.levels - 1) / 2
        q = torch.round(torch.tanh(z) * half) / half
        q = z + (q - z).detach()
        return self.project_out(q)


class PoseVQ(nn.Module):
    def __init__(self, pose_dim, hidden=256):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(pose_dim, hidden), nn.GELU(), nn.Linear(hidden, hidden))
        self.quantizer = FSQ(hidden)
        self.decoder = nn.Sequential(nn.Linear(hidden, hidden), nn.GELU(), nn.Linear(hidden, pose_dim))

    def step(self, batch, device):
        x = batch["pose"].to(device).float()
        x_hat = self.decoder(self.quantizer(self.encoder(x)))
        return nn.functional.mse_loss(x_hat.float(), x), x_hat

    def forward(self, x):
        return self.decoder(self.quantizer(self.encoder(x)))


def main():
    device = torch.device("cuda")
    loader = DataLoader(PoseDataset("poses_train.npz"), batch_size=32, shuffle=True)
    val_loader = DataLoader(PoseDataset("poses_dev.npz"), batch_size=32)
    model = PoseVQ(pose_dim=75 * 3)
    model = model.to(device, dtype=torch.bfloat16)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)

    for epoch in range(50):
        model.train()
        for batch in loader:
            loss, _ = model.step(batch, device)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            val = [model.step(b, device)[0].item() for b in val_loader]
        print(f"epoch {epoch}  val mse {np.mean(val):.5f}")


if __name__ == "__main__":
    main()
