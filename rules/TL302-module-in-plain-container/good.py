from torch import nn


class Registered(nn.Module):
    def __init__(self, hidden: int, num_labels: list[int]) -> None:
        super().__init__()
        self.heads = nn.ModuleList([nn.Linear(hidden, n) for n in num_labels])
        self.experts = nn.ModuleDict({"text": nn.Linear(hidden, hidden)})
        self.names = ["text", "image"]  # plain data is fine
        self.sizes = [hidden] * 3

    def forward(self, x):
        return [head(x) for head in self.heads]


class Plain:
    def __init__(self) -> None:
        self.layers = [nn.Linear(2, 2)]  # not an nn.Module: nothing to register into
