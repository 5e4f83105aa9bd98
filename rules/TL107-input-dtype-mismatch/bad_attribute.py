import torch
import torch.nn as nn


class PatchEncoder(nn.Module):
    # A sinusoidal table kept as a plain attribute (setattr in a helper that
    # __init__ calls): model.half() casts the layers, not the table.
    def __init__(self, dim=32, grid=(8, 8)):
        super().__init__()
        self.grid = grid
        self.embed = nn.Conv2d(3, dim, 4, 4)
        self.mix = nn.Linear(dim, dim)
        self._build_table(dim)

    def _build_table(self, dim):
        if self.grid:
            steps = torch.arange(self.grid[0] * self.grid[1], dtype=torch.float32)
            table = torch.sin(steps[:, None] / 100.0).expand(-1, dim)
            setattr(self, "table", table)

    def forward(self, images):
        tokens = self.embed(images).flatten(2).transpose(1, 2)
        if self.training:
            table = torch.zeros_like(tokens)
        else:
            # Moved to the tokens' device only: still float32 under .half().
            table = getattr(self, "table").to(tokens.device)  # expect: TL107:21 lines=17,28,32
        return self.mix(tokens + table)


def encode(images, device):
    model = PatchEncoder().eval().to(device).half()
    return model(images.to(device, torch.float16))
