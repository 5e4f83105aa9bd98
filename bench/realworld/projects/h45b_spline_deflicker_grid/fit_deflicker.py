# source: https://github.com/teamtomo/torch-cubic-spline-grids/pull/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, TensorDataset

from deflicker import TemporalDeflicker, temporal_smoothness


def load_interpolated_clip(n_frames=120, h=90, w=160):
    base = torch.rand(1, 3, h, w).expand(n_frames, -1, -1, -1)
    flicker = 0.15 * torch.sin(torch.arange(n_frames) * 1.7)[:, None, None, None]
    return (base + flicker).clamp(0, 1), torch.linspace(0, 1, n_frames)


def fit(epochs=20, device="cuda"):
    frames, times = load_interpolated_clip()
    loader = DataLoader(TensorDataset(frames, times), batch_size=16, shuffle=False)
    model = TemporalDeflicker().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=5e-3)
    for epoch in range(epochs):
        total = 0.0
        for clip, t in loader:
            clip, t = clip.to(device), t.to(device)
            out = model(clip, t)
            loss = temporal_smoothness(out) + 0.1 * (out - clip).pow(2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: {total / len(loader):.5f}")
    return model


if __name__ == "__main__":
    fit(device="cuda" if torch.cuda.is_available() else "cpu")
