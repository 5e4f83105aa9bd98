import torch
from torch import nn


def length_to_mask(length, max_len, device):
    mask = torch.arange(max_len, device=device)[None, :] < length[:, None]
    # The mask takes the dtype of the lengths: whatever made them decided it.
    return mask.to(length.dtype)


class StatisticsPooling(nn.Module):
    """A speaker-embedding pooling (SpeechBrain's ECAPA shape), run in half."""

    def __init__(self, channels, global_context=True):
        super().__init__()
        self.global_context = global_context
        self.tdnn = nn.Conv1d(channels * 3 if global_context else channels, 16, 1)

    def statistics(self, x, m):
        # float32 weights with float16 features: `m * x` is float32 (both have
        # dimensions, so torch promotes)
        mean = (m * x).sum(2)
        std = torch.sqrt((m * (x - mean.unsqueeze(2)).pow(2)).sum(2).clamp(1e-12))
        return mean, std

    def forward(self, x, lengths=None):
        L = x.shape[-1]
        if lengths is None:
            # Relative lengths on the right device, but in the default dtype:
            # float32 even when the model and `x` run in half precision.
            lengths = torch.ones(x.shape[0], device=x.device)  # expect: TL107:23 lines=38,42
        mask = length_to_mask(lengths * L, max_len=L, device=x.device).unsqueeze(1)
        if self.global_context:
            mean, std = self.statistics(x, mask / mask.sum(dim=2, keepdim=True))
            attn = torch.cat([x, mean.unsqueeze(2).repeat(1, 1, L), std.unsqueeze(2).repeat(1, 1, L)], dim=1)
        else:
            attn = x
        return self.tdnn(attn)


def embed(batch_size=4):
    pooling = StatisticsPooling(channels=32).to("cuda").half()
    features = torch.randn(batch_size, 32, 50, device="cuda", dtype=torch.float16)
    return pooling(features)
