# source: https://github.com/speechbrain/speechbrain/issues/2544
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 38
# cpu: raises "should be the same"
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


def length_to_mask(length, max_len, device):
    mask = torch.arange(max_len, device=device)[None, :] < length[:, None]
    return mask.to(length.dtype)


class AttentiveStatisticsPooling(nn.Module):
    def __init__(self, channels, attention_channels=16, global_context=True, eps=1e-12):
        super().__init__()
        self.eps = eps
        self.global_context = global_context
        in_ch = channels * 3 if global_context else channels
        self.tdnn = nn.Conv1d(in_ch, attention_channels, kernel_size=1)
        self.tanh = nn.Tanh()
        self.conv = nn.Conv1d(attention_channels, channels, kernel_size=1)

    def _compute_statistics(self, x, m, dim=2):
        mean = (m * x).sum(dim)
        std = torch.sqrt((m * (x - mean.unsqueeze(dim)).pow(2)).sum(dim).clamp(self.eps))
        return mean, std

    def forward(self, x, lengths=None):
        L = x.shape[-1]
        if lengths is None:
            # relative lengths: right device, default dtype (float32) even when
            # the model and `x` run in half precision
            lengths = torch.ones(x.shape[0], device=x.device)
        mask = length_to_mask(lengths * L, max_len=L, device=x.device).unsqueeze(1)
        if self.global_context:
            total = mask.sum(dim=2, keepdim=True)
            mean, std = self._compute_statistics(x, mask / total)
            mean = mean.unsqueeze(2).repeat(1, 1, L)
            std = std.unsqueeze(2).repeat(1, 1, L)
            attn = torch.cat([x, mean, std], dim=1)
        else:
            attn = x
        attn = self.conv(self.tanh(self.tdnn(attn)))
        attn = F.softmax(attn.masked_fill(mask == 0, float("-inf")), dim=2)
        mean, std = self._compute_statistics(x, attn)
        return torch.cat((mean, std), dim=1).unsqueeze(2)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    pooling = AttentiveStatisticsPooling(channels=32).to(device).half()
    feats = torch.randn(4, 32, 50, device=device, dtype=torch.float16)
    print(pooling(feats).shape)
