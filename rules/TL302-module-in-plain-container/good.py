from torch import nn


def activation() -> nn.Module:
    return nn.Sequential(nn.ReLU(), nn.Dropout(0.1))


def sizes(hidden: int) -> list[int]:
    return [hidden, hidden // 2]


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


class Branches(nn.Module):
    def __init__(self, hidden: int) -> None:
        super().__init__()
        self.acts = [activation() for _ in range(2)]  # no weights: nothing to lose
        self.widths = {"a": sizes(hidden)}  # plain data from a helper
        self.proj = nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU())  # registered


class SlotReader(nn.Module):
    # Losses without class weights hold nothing to move: a plain list loses nothing.
    def __init__(self, slots: int) -> None:
        super().__init__()
        self.head = nn.Linear(32, 26)
        self.slot_losses = [nn.CrossEntropyLoss(label_smoothing=0.1) for _ in range(slots)]
