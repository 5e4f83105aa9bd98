# source: https://github.com/facebookresearch/aepsych/pull/624
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: stale-alias
# shape: class, helper
# bug-lines: 27, 28, 49, 50
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small active-learning loop: a strategy owns the data, the model keeps a reference to it."""
import torch
import torch.nn as nn


class PreferenceModel(nn.Module):
    def __init__(self, dim, hidden=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, hidden), nn.Tanh(), nn.Linear(hidden, 1))
        self.train_inputs = None
        self.train_targets = None

    def set_train_data(self, inputs, targets):
        self.train_inputs = inputs
        self.train_targets = targets

    def fit(self, steps=200, lr=1e-2):
        opt = torch.optim.Adam(self.net.parameters(), lr=lr)
        for _ in range(steps):
            pred = self.net(self.train_inputs).squeeze(-1)
            loss = nn.functional.mse_loss(pred, self.train_targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
        return loss.item()


class Strategy:
    def __init__(self, model, dim):
        self.model = model
        self.dim = dim
        self.x = torch.empty(0, dim)
        self.y = torch.empty(0)

    def add_data(self, x, y):
        self.x = torch.cat([self.x, x])
        self.y = torch.cat([self.y, y])
        self.model.set_train_data(self.x, self.y)

    def to(self, device):
        self.model.to(device)
        self.x = self.x.to(device)
        self.y = self.y.to(device)
        return self

    def gen(self, num_points=4):
        loss = self.model.fit()
        candidates = torch.rand(1024, self.dim, device=self.x.device)
        with torch.no_grad():
            scores = self.model.net(candidates).squeeze(-1)
        best = scores.topk(num_points).indices
        return candidates[best], loss


def objective(x):
    return -((x - 0.3) ** 2).sum(-1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    strat = Strategy(PreferenceModel(dim=3), dim=3)
    x0 = torch.rand(16, 3)
    strat.add_data(x0, objective(x0))
    strat.to(device)
    for trial in range(10):
        x_next, loss = strat.gen()
        strat.add_data(x_next, objective(x_next))
        print(f"trial {trial}: fit loss {loss:.4f}, best y {strat.y.max().item():.4f}")
