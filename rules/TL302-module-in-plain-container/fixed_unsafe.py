from torch import nn


class MultiTaskHead(nn.Module):
    def __init__(self, hidden: int, num_labels: list[int]) -> None:
        super().__init__()
        self.heads = nn.ModuleList([nn.Linear(hidden, n) for n in num_labels])  # expect: TL302:9
        self.experts = nn.ModuleDict({"text": nn.Linear(hidden, hidden), "image": nn.Linear(hidden, hidden)})  # expect: TL302:9
        self.blocks = nn.ModuleList()  # expect: TL302:9 lines=11
        for _ in range(4):
            self.blocks.append(nn.TransformerEncoderLayer(hidden, 8))

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return [head(x) for head in self.heads]
