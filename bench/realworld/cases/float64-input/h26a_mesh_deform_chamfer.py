# source: https://github.com/noahcao/Pixel2Mesh/issues/17
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: class, helper, loader-loop, batch-dict
# looks-like: float64-input
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset


class ShapeNetPoints(Dataset):
    """Each line of the split file: '<rendering.png> <points.xyz>' (xyz holds x y z nx ny nz)."""

    def __init__(self, split_file, n_points=4096):
        with open(split_file) as f:
            self.items = [line.split() for line in f if line.strip()]
        self.n_points = n_points

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        img_path, pts_path = self.items[idx]
        img = np.asarray(Image.open(img_path).convert("RGB").resize((224, 224)), dtype=np.float32) / 255.0
        pts = np.loadtxt(pts_path)[:, :3]
        pts = pts[np.random.choice(len(pts), self.n_points, replace=len(pts) < self.n_points)]
        return {"images": torch.from_numpy(img).permute(2, 0, 1),
                "points": torch.from_numpy(pts).float()}


def chamfer(pred, gt):
    d = torch.cdist(pred, gt)
    return d.min(2).values.pow(2).mean() + d.min(1).values.pow(2).mean()


class MeshDeformer(nn.Module):
    def __init__(self, init_vertices, feat_dim=256):
        super().__init__()
        self.register_buffer("verts0", torch.from_numpy(init_vertices).float())
        self.encoder = nn.Sequential(nn.Conv2d(3, 32, 5, 4, 2), nn.ReLU(), nn.Conv2d(32, 64, 5, 4, 2), nn.ReLU(),
                                     nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, feat_dim))
        self.offset = nn.Sequential(nn.Linear(feat_dim + 3, 256), nn.ReLU(), nn.Linear(256, 3))

    def forward(self, images):
        feat = self.encoder(images)
        v = self.verts0.unsqueeze(0).expand(images.size(0), -1, -1)
        f = feat.unsqueeze(1).expand(-1, v.size(1), -1)
        return v + self.offset(torch.cat([f, v], -1))


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
ellipsoid = np.load("data/ellipsoid_156.npy")
model = MeshDeformer(ellipsoid).to(device)
loader = DataLoader(ShapeNetPoints("data/train_list.txt"), batch_size=16, shuffle=True, num_workers=4)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
for epoch in range(50):
    for step, batch in enumerate(loader):
        images, gt = batch["images"].to(device), batch["points"].to(device)
        loss = chamfer(model(images), gt)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch} chamfer {loss.item():.5f}")
