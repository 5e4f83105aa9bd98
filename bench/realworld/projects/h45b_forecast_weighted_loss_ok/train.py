# source: https://github.com/mllam/neural-lam/pull/241
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from forecaster import ARForecaster

VARIABLES = ["t2m", "u10", "v10", "msl", "r2", "tp"]
WEIGHTS = [1.0, 0.5, 0.5, 1.0, 0.3, 0.2]


class WindowDataset(Dataset):
    def __init__(self, n_grid=256, n_samples=200, ar_steps=3):
        self.data = torch.randn(n_samples + ar_steps + 2, n_grid, len(VARIABLES))
        self.ar_steps = ar_steps

    def __len__(self):
        return self.data.shape[0] - self.ar_steps - 2

    def __getitem__(self, i):
        return {"init_states": self.data[i:i + 2], "target_states": self.data[i + 2:i + 2 + self.ar_steps]}


def train(epochs=5, device="cuda"):
    std = torch.rand(len(VARIABLES)) + 0.5
    model = ARForecaster(len(VARIABLES), WEIGHTS, std).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loader = DataLoader(WindowDataset(), batch_size=8, shuffle=True)
    for epoch in range(epochs):
        running = 0.0
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model.rollout_loss(batch["init_states"], batch["target_states"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")


if __name__ == "__main__":
    train(device="cuda" if torch.cuda.is_available() else "cpu")
