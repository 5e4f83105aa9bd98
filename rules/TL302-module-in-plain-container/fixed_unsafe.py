import torch
from torch import nn


def conv_branch(channels: int) -> nn.Module:
    return nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU())


class MultiTaskHead(nn.Module):
    def __init__(self, hidden: int, num_labels: list[int]) -> None:
        super().__init__()
        self.heads = nn.ModuleList([nn.Linear(hidden, n) for n in num_labels])  # expect: TL302:9
        self.experts = nn.ModuleDict({"text": nn.Linear(hidden, hidden), "image": nn.Linear(hidden, hidden)})  # expect: TL302:9
        self.blocks = nn.ModuleList()  # expect: TL302:9 lines=16
        for _ in range(4):
            self.blocks.append(nn.TransformerEncoderLayer(hidden, 8))

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return [head(x) for head in self.heads]


class RegionLayer(nn.Module):
    def __init__(self, channels: int, regions: tuple[str, ...] = ("face", "hand")) -> None:
        super().__init__()
        self.convs = {name: conv_branch(channels) for name in regions}  # expect: TL302:9
        self.stages = nn.ModuleList([nn.Sequential(nn.Linear(channels, channels), nn.GELU())])  # expect: TL302:9

    def forward(self, crops):
        return [self.convs[name](crops[name]) for name in self.convs]


class CaptchaReader(nn.Module):
    # One weighted loss per character slot: each keeps its class weights as a buffer,
    # which `.to(device)` never reaches in a plain list.
    def __init__(self, slot_weights) -> None:
        super().__init__()
        self.head = nn.Linear(32, 26)
        self.slot_losses = nn.ModuleList()  # expect: TL302:9 lines=42
        for weights in slot_weights:
            self.slot_losses.append(nn.CrossEntropyLoss(weight=torch.tensor(weights)))
