import torch
from torch import nn


class StatisticsPooling(nn.Module):
    def __init__(self, channels, global_context=True):
        super().__init__()
        self.global_context = global_context
        self.tdnn = nn.Conv1d(channels * 3 if global_context else channels, 16, 1)

    def forward(self, x, lengths=None):
        L = x.shape[-1]
        if lengths is None:
            # Made in the dtype of the features: the half run stays half.
            lengths = torch.ones(x.shape[0], device=x.device, dtype=x.dtype)
        mask = (torch.arange(L, device=x.device)[None, :] < (lengths * L)[:, None]).to(x.dtype)
        if self.global_context:
            mean = (mask.unsqueeze(1) * x).sum(2, keepdim=True)
            attn = torch.cat([x, mean.repeat(1, 1, L), mean.repeat(1, 1, L)], dim=1)
        else:
            attn = x
        return self.tdnn(attn)


def embed(batch_size=4):
    pooling = StatisticsPooling(channels=32).to("cuda").half()
    features = torch.randn(batch_size, 32, 50, device="cuda", dtype=torch.float16)
    # The caller passes half lengths: `if lengths is None` is not taken.
    lengths = torch.full((batch_size,), 1.0, device="cuda", dtype=torch.float16)
    return pooling(features, lengths)


def embed_local(batch_size=4):
    # Without the global context the pooling feeds `x` itself to the convolution.
    pooling = StatisticsPooling(channels=32, global_context=False).to("cuda").half()
    return pooling(torch.randn(batch_size, 32, 50, device="cuda", dtype=torch.float16))


def scaled(x):
    # A zero-dimensional float32 tensor does not promote a half one: `h * scale`
    # stays float16.
    head = nn.Linear(64, 64).to("cuda").half()
    h = torch.randn(8, 64, device="cuda", dtype=torch.float16)
    scale = torch.tensor(0.5, device="cuda")
    norm = h.float().pow(2).mean()
    return head(h * scale / norm)


class Resampler(nn.Module):
    def __init__(self, dim=32, queries=4):
        super().__init__()
        self.latents = nn.Parameter(torch.randn(1, queries, dim))
        self.proj_out = nn.Linear(dim, dim)

    def forward(self, x):
        # `.half()` on the model cast its parameters too: `self.latents` is float16.
        return self.proj_out(self.latents.expand(x.shape[0], -1, -1) + x.mean(1, keepdim=True))


def resample(batch_size=2):
    resampler = Resampler().to("cuda").half()
    return resampler(torch.randn(batch_size, 8, 32, device="cuda", dtype=torch.float16))
