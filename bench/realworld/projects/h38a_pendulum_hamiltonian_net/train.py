# source: https://github.com/pytorch/pytorch/issues/69446
# error: RuntimeError: Found dtype Double but expected Float
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from dataset import PendulumDerivatives
from model import HamiltonianField


def train(epochs=20, batch_size=256, lr=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = PendulumDerivatives()
    loader = DataLoader(data, batch_size=batch_size, shuffle=True, drop_last=True)
    model = HamiltonianField().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(epochs):
        running = 0.0
        for state, target in loader:
            state, target = state.to(device), target.to(device)
            pred = model(state)
            loss = F.mse_loss(pred, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch:3d}  mse {running / len(loader):.5f}")
    torch.save(model.state_dict(), "hnn_pendulum.pt")


if __name__ == "__main__":
    train()
