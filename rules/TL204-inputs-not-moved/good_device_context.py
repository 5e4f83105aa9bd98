import torch


class PositionCache(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(8, 8)
        self._build_cache(device="cpu")

    def _build_cache(self, device="cpu"):
        self.register_buffer("pos", torch.zeros(4, 8).to(device), persistent=False)

    def forward(self, x):
        return self.proj(x) + self.pos.to(device=x.device, dtype=x.dtype)


def build_position_cache(device):
    with torch.device(device):
        return PositionCache()


def add_positions(device):
    # The cache is moved and converted with the input.
    model = build_position_cache(device)
    return model(torch.randn(4, 8, device=device))


class MovedPositionCache(PositionCache):
    def forward(self, x):
        return self.proj(x) + self.pos.to(x.dtype)


def add_positions_moved(device):
    # Built on the CPU and moved whole: its buffer moves with it.
    model = MovedPositionCache().to(device)
    return model(torch.randn(4, 8, device=device))
