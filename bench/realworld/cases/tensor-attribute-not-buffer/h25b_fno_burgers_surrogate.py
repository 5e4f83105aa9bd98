# source: https://github.com/luigibonati/mlcolvar/pull/185
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""1D Fourier neural operator surrogate for Burgers' equation (u0 -> u(t=1)) with input normalisation."""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class SpectralConv1d(nn.Module):
    def __init__(self, channels, modes):
        super().__init__()
        self.modes = modes
        scale = 1.0 / (channels * channels)
        self.weight = nn.Parameter(scale * torch.randn(channels, channels, modes, dtype=torch.cfloat))

    def forward(self, x):
        x_ft = torch.fft.rfft(x)
        out_ft = torch.zeros(x.size(0), x.size(1), x.size(-1) // 2 + 1, dtype=torch.cfloat, device=x.device)
        out_ft[:, :, : self.modes] = torch.einsum("bix,iox->box", x_ft[:, :, : self.modes], self.weight)
        return torch.fft.irfft(out_ft, n=x.size(-1))


class FNO1d(nn.Module):
    def __init__(self, resolution, u_mean, u_std, width=64, modes=16, depth=4):
        super().__init__()
        self.register_buffer("grid", torch.linspace(0, 1, resolution).view(1, 1, -1))
        self.register_buffer("u_mean", torch.as_tensor(u_mean, dtype=torch.float32))
        self.register_buffer("u_std", torch.as_tensor(u_std, dtype=torch.float32))
        self.lift = nn.Conv1d(2, width, 1)
        self.spectral = nn.ModuleList(SpectralConv1d(width, modes) for _ in range(depth))
        self.pointwise = nn.ModuleList(nn.Conv1d(width, width, 1) for _ in range(depth))
        self.project = nn.Sequential(nn.Conv1d(width, 128, 1), nn.GELU(), nn.Conv1d(128, 1, 1))

    def forward(self, u0):
        u = (u0.unsqueeze(1) - self.u_mean) / self.u_std
        h = self.lift(torch.cat([u, self.grid.expand(u.size(0), -1, -1)], dim=1))
        for spec, pw in zip(self.spectral, self.pointwise):
            h = nn.functional.gelu(spec(h) + pw(h))
        return self.project(h).squeeze(1) * self.u_std + self.u_mean


def train(u0, u1, epochs=500, batch_size=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FNO1d(u0.size(-1), u0.mean(), u0.std()).to(device)
    loader = DataLoader(TensorDataset(u0, u1), batch_size=batch_size, shuffle=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=100, gamma=0.5)
    for epoch in range(epochs):
        for a, b in loader:
            a, b = a.to(device), b.to(device)
            loss = torch.linalg.norm(model(a) - b, dim=-1).div(torch.linalg.norm(b, dim=-1)).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
    return model


if __name__ == "__main__":
    data = torch.load("data/burgers_r1024.pt", map_location="cpu")
    surrogate = train(data["u0"][:1000], data["u1"][:1000])
    torch.save(surrogate.state_dict(), "fno_burgers.pt")
