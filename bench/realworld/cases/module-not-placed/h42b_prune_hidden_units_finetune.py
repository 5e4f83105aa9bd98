# source: https://github.com/KindXiaoming/pykan/issues/386
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: class, helper, loader-loop
# bug-lines: 28, 59, 62
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class PrunableMLP(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden)
        self.fc2 = nn.Linear(hidden, out_dim)

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(x)))

    @torch.no_grad()
    def prune(self, threshold=1e-2):
        """Drop hidden units whose incoming and outgoing weights are both small."""
        score = self.fc1.weight.abs().mean(dim=1) * self.fc2.weight.abs().mean(dim=0)
        keep = (score > threshold).nonzero().flatten()
        in_dim, out_dim = self.fc1.in_features, self.fc2.out_features
        pruned = PrunableMLP(in_dim, keep.numel(), out_dim)
        pruned.fc1.weight.copy_(self.fc1.weight[keep])
        pruned.fc1.bias.copy_(self.fc1.bias[keep])
        pruned.fc2.weight.copy_(self.fc2.weight[:, keep])
        pruned.fc2.bias.copy_(self.fc2.bias)
        return pruned


def run_epochs(model, loader, device, epochs, lr=1e-3, l1=0.0):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = nn.functional.mse_loss(model(xb), yb)
            if l1 > 0:
                loss = loss + l1 * sum(p.abs().sum() for p in model.parameters())
            opt.zero_grad()
            loss.backward()
            opt.step()
    return loss.item()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    x = torch.rand(2048, 2) * 2 - 1
    y = torch.sin(3.14 * x[:, :1]) + x[:, 1:] ** 2
    loader = DataLoader(TensorDataset(x, y), batch_size=128, shuffle=True)

    model = PrunableMLP(2, 64, 1).to(device)
    print("sparse pretrain", run_epochs(model, loader, device, epochs=20, l1=1e-4))

    model = model.prune(threshold=5e-3)
    print("hidden units kept:", model.fc1.out_features)

    print("finetune", run_epochs(model, loader, device, epochs=10))
    with torch.no_grad():
        test = torch.rand(256, 2, device=device) * 2 - 1
        pred = model(test)
    print("pred mean", pred.mean().item())


if __name__ == "__main__":
    main()
