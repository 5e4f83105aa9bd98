# source: https://github.com/speechbrain/speechbrain/issues/1434
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from normalization import GlobalMeanVarNorm


class TDNNBlock(nn.Module):
    def __init__(self, in_ch, out_ch, kernel, dilation):
        super().__init__()
        self.conv = nn.Conv1d(in_ch, out_ch, kernel, dilation=dilation, padding=dilation * (kernel - 1) // 2)
        self.norm = nn.BatchNorm1d(out_ch)

    def forward(self, x):
        return self.norm(torch.relu(self.conv(x)))


class SpeakerEncoder(nn.Module):
    def __init__(self, stats_path, n_mels=80, channels=512, emb_dim=192):
        super().__init__()
        self.mean_var_norm = GlobalMeanVarNorm.from_stats_file(stats_path)
        self.blocks = nn.Sequential(
            TDNNBlock(n_mels, channels, 5, 1),
            TDNNBlock(channels, channels, 3, 2),
            TDNNBlock(channels, channels, 3, 3),
        )
        self.attention = nn.Conv1d(channels, 1, 1)
        self.embed = nn.Linear(2 * channels, emb_dim)

    def forward(self, fbank, lengths=None):
        x = self.mean_var_norm(fbank, lengths).transpose(1, 2)
        h = self.blocks(x)
        w = torch.softmax(self.attention(h), dim=-1)
        mu = (h * w).sum(-1)
        sigma = torch.sqrt(((h - mu.unsqueeze(-1)) ** 2 * w).sum(-1).clamp(min=1e-6))
        return self.embed(torch.cat([mu, sigma], dim=1))
