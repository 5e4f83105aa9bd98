# The strategy moves the module it was handed first, then builds the optimizers:
# Adagrad makes its state where the parameters already are, and the module the
# loop calls through the strategy is the moved one.
import torch
from torch import nn


class Recommender(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.EmbeddingBag(10_000, 32, mode="sum")
        self.head = nn.Linear(32, 1)

    def forward(self, ids, offsets):
        return self.head(self.embedding(ids, offsets)).squeeze(-1)

    def configure_optimizers(self):
        return torch.optim.Adagrad(self.parameters(), lr=0.05)


class Strategy:
    def __init__(self, device):
        self.root_device = torch.device(device)
        self.module = None
        self.optimizers = []

    def connect(self, module):
        self.module = module

    def setup(self):
        self.module.to(self.root_device)
        opts = self.module.configure_optimizers()
        self.optimizers = opts if isinstance(opts, (list, tuple)) else [opts]


def fit(strategy, batches):
    model = Recommender()
    strategy.connect(model)
    strategy.setup()
    optimizer = strategy.optimizers[0]
    for ids, offsets, label in batches:
        ids, offsets = ids.to(strategy.root_device), offsets.to(strategy.root_device)
        logits = strategy.module(ids, offsets)
        loss = nn.functional.binary_cross_entropy_with_logits(
            logits, label.to(strategy.root_device)
        )
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    fit(Strategy("cuda"), [])
