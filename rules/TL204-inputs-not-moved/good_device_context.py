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


class GrowingGrid(torch.nn.Module):
    # Rebuilt on the input's device when too small, and moved with the input anyway.
    def __init__(self, size=(4, 4)):
        super().__init__()
        self.mix = torch.nn.Linear(8, 8)
        self.size = size
        self._set_grid(size, device="cpu")

    def _set_grid(self, size, device):
        grid = torch.zeros(size[0] * size[1], 8)
        self.register_buffer("grid", grid.to(device), persistent=False)

    def _ensure(self, h, w, device):
        if h > self.size[0] or w > self.size[1]:
            self.size = (max(h, self.size[0]), max(w, self.size[1]))
            self._set_grid(self.size, device)

    def forward(self, x, h, w):
        self._ensure(h, w, x.device)
        return self.mix(x) + self.grid[: x.shape[0]].to(device=x.device, dtype=x.dtype)


def add_grid(device):
    with torch.device(device):
        model = GrowingGrid()
    return model(torch.randn(4, 8, device=device), 2, 2)
