# source: https://github.com/pnnl/neuromancer/issues/179
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: inputs-not-moved
# shape: batch-dict, loader-loop, class
# bug-lines: 66
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class CavityCollocation(Dataset):
    """Interior collocation points plus points on the moving lid (y = 1)."""

    def __init__(self, n_interior=20000, n_lid=2000):
        self.xy = torch.rand(n_interior, 2)
        lid_x = torch.rand(n_lid, 1)
        self.lid = torch.cat([lid_x, torch.ones_like(lid_x)], dim=1)

    def __len__(self):
        return self.xy.shape[0]

    def __getitem__(self, i):
        return {"xy": self.xy[i], "lid": self.lid[i % self.lid.shape[0]]}


def grad(f, x):
    return torch.autograd.grad(f.sum(), x, create_graph=True)[0]


class SteadyNavierStokesPINN(nn.Module):
    def __init__(self, width=64, depth=4, nu=0.01):
        super().__init__()
        layers, d = [], 2
        for _ in range(depth):
            layers += [nn.Linear(d, width), nn.Tanh()]
            d = width
        layers.append(nn.Linear(d, 3))
        self.net = nn.Sequential(*layers)
        self.nu = nu

    def forward(self, datadict):
        xy = datadict["xy"].requires_grad_(True)
        u, v, p = self.net(xy).split(1, dim=1)
        du, dv, dp = grad(u, xy), grad(v, xy), grad(p, xy)
        continuity = du[:, :1] + dv[:, 1:]
        u_xx = grad(du[:, :1], xy)[:, :1] + grad(du[:, 1:], xy)[:, 1:]
        mom_x = u * du[:, :1] + v * du[:, 1:] + dp[:, :1] - self.nu * u_xx
        lid_uv = self.net(datadict["lid"])[:, :2]
        lid_target = torch.cat([torch.ones_like(lid_uv[:, :1]), torch.zeros_like(lid_uv[:, :1])], dim=1)
        return {
            "pde": continuity.pow(2).mean() + mom_x.pow(2).mean(),
            "lid": (lid_uv - lid_target).pow(2).mean(),
        }


def train(epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(CavityCollocation(), batch_size=1024, shuffle=True)
    pde_net = SteadyNavierStokesPINN().to(device)
    optimizer = torch.optim.Adam(pde_net.parameters(), lr=1e-3)
    for epoch in range(epochs):
        running = 0.0
        for batch in loader:
            losses = pde_net(batch)
            loss = losses["pde"] + 10.0 * losses["lid"]
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4e}")
    return pde_net


if __name__ == "__main__":
    train()
