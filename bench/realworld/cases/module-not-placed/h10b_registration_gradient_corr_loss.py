# source: https://github.com/yuta-hi/pytorch_similarity/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class, loader-loop, batch-dict
# bug-lines: 69, 79
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class GradientCorrelationLoss2d(nn.Module):
    """1 - mean normalised cross-correlation of Sobel gradients."""

    def __init__(self, eps=1e-8):
        super().__init__()
        self.eps = eps
        self.grad_x = nn.Conv2d(1, 1, 3, padding=1, bias=False)
        self.grad_y = nn.Conv2d(1, 1, 3, padding=1, bias=False)
        sobel = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
        self.grad_x.weight.data.copy_(sobel.view(1, 1, 3, 3))
        self.grad_y.weight.data.copy_(sobel.t().contiguous().view(1, 1, 3, 3))
        for p in self.parameters():
            p.requires_grad_(False)

    def _ncc(self, a, b):
        a = a - a.mean(dim=(2, 3), keepdim=True)
        b = b - b.mean(dim=(2, 3), keepdim=True)
        num = (a * b).sum(dim=(2, 3))
        den = torch.sqrt((a * a).sum(dim=(2, 3)) * (b * b).sum(dim=(2, 3)) + self.eps)
        return num / den

    def forward(self, x, y):
        gc = 0.5 * (self._ncc(self.grad_x(x), self.grad_x(y)) + self._ncc(self.grad_y(x), self.grad_y(y)))
        return 1.0 - gc.mean()


class PairDataset(Dataset):
    def __init__(self, n=256, size=128):
        self.fixed = torch.rand(n, 1, size, size)
        self.moving = torch.roll(self.fixed, shifts=(3, -2), dims=(2, 3)) + 0.05 * torch.randn(n, 1, size, size)

    def __len__(self):
        return len(self.fixed)

    def __getitem__(self, i):
        return {"moving": self.moving[i], "fixed": self.fixed[i]}


class AffineRegNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(2, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(),
                                      nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.theta = nn.Linear(32, 6)
        nn.init.zeros_(self.theta.weight)
        self.theta.bias.data.copy_(torch.tensor([1.0, 0.0, 0.0, 0.0, 1.0, 0.0]))

    def forward(self, moving, fixed):
        theta = self.theta(self.features(torch.cat([moving, fixed], dim=1))).view(-1, 2, 3)
        grid = F.affine_grid(theta, moving.shape, align_corners=False)
        return F.grid_sample(moving, grid, align_corners=False)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = AffineRegNet().to(device)
criterion = GradientCorrelationLoss2d()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(PairDataset(), batch_size=16, shuffle=True)

for epoch in range(20):
    running = 0.0
    for batch in loader:
        moving = batch["moving"].to(device)
        fixed = batch["fixed"].to(device)
        warped = model(moving, fixed)
        loss = criterion(warped, fixed)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        running += loss.item()
    print(f"epoch {epoch}: gc loss {running / len(loader):.4f}")
