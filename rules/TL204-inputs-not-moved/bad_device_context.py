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
