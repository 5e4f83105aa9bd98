import torch


class PositionCache(torch.nn.Module):
    # vLLM's resampler shape: the model is built under `with torch.device(d)`, but a
    # helper of __init__ puts its cache on the CPU, and forward only converts its dtype.
    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(8, 8)
        self._build_cache(device="cpu")

    def _build_cache(self, device="cpu"):
        self.register_buffer("pos", torch.zeros(4, 8).to(device), persistent=False)

    def forward(self, x):
        return self.proj(x) + self.pos.to(x.dtype)  # expect: TL204:31 lines=13,16


def build_position_cache(device):
    with torch.device(device):
        return PositionCache()


def add_positions(device):
    model = build_position_cache(device)
    return model(torch.randn(4, 8, device=device))


class GrowingGrid(torch.nn.Module):
    # The grid is rebuilt on the input's device only when it is too small; the run
    # whose grid was big enough uses the one __init__ put on the CPU.
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
        return self.mix(x) + self.grid[: x.shape[0]].to(x.dtype)  # expect: TL204:30 lines=39,49


def add_grid(device):
    with torch.device(device):
        model = GrowingGrid()
    return model(torch.randn(4, 8, device=device), 2, 2)
