# source: https://github.com/sbi-dev/sbi/pull/1448
# error: RuntimeError: expected self and mask to be on the same device, but got mask on cpu and self on cuda:0
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 20, 36
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Categorical
from torch.utils.data import DataLoader, TensorDataset


class CategoricalMassEstimator(nn.Module):
    def __init__(self, num_categories, context_dim, hidden=64):
        super().__init__()
        self.num_variables = len(num_categories)
        self.max_categories = int(max(num_categories))
        self.mask = torch.zeros(self.num_variables, self.max_categories)
        for i, c in enumerate(num_categories):
            self.mask[i, :c] = 1.0
        self.net = nn.Sequential(
            nn.Linear(context_dim + self.num_variables, hidden),
            nn.ReLU(),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, self.num_variables * self.max_categories),
        )

    def logits(self, x, context):
        # autoregressive masking is skipped here; inputs are shifted by one variable
        shifted = F.pad(x[:, :-1].float(), (1, 0))
        out = self.net(torch.cat([shifted, context], dim=-1))
        out = out.view(-1, self.num_variables, self.max_categories)
        return out.masked_fill(~self.mask.bool(), float("-inf"))

    def log_prob(self, x, context):
        return Categorical(logits=self.logits(x, context)).log_prob(x.long()).sum(-1)


def train_estimator(theta, x, num_categories, epochs=5, device="cuda"):
    model = CategoricalMassEstimator(num_categories, context_dim=theta.shape[1])
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(TensorDataset(x, theta), batch_size=128, shuffle=True)
    for epoch in range(epochs):
        total = 0.0
        for xb, thb in loader:
            xb, thb = xb.to(device), thb.to(device)
            loss = -model.log_prob(xb, thb).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        print(f"epoch {epoch}: nll={total / len(x):.4f}")
    return model


if __name__ == "__main__":
    cats = [2, 3, 5]
    theta = torch.rand(2000, 4)
    x = torch.stack([torch.randint(0, c, (2000,)) for c in cats], dim=1)
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    train_estimator(theta, x, cats, device=dev)
