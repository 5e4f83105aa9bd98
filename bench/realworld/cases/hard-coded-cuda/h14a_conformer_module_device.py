# source: https://github.com/sooftware/conformer/issues/27
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class
# bug-lines: 13, 26, 30, 41
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class FeedForwardModule(nn.Module):
    def __init__(self, encoder_dim=256, expansion_factor=4, dropout_p=0.1, device: torch.device = "cuda"):
        super().__init__()
        self.device = device
        self.sequential = nn.Sequential(
            nn.LayerNorm(encoder_dim),
            nn.Linear(encoder_dim, encoder_dim * expansion_factor),
            nn.SiLU(),
            nn.Dropout(dropout_p),
            nn.Linear(encoder_dim * expansion_factor, encoder_dim),
            nn.Dropout(dropout_p),
        )

    def forward(self, inputs):
        return self.sequential(inputs.to(self.device))


class ConformerConvModule(nn.Module):
    def __init__(self, in_channels=256, kernel_size=31, dropout_p=0.1, device: torch.device = "cuda"):
        super().__init__()
        self.device = device
        self.norm = nn.LayerNorm(in_channels)
        self.pointwise_in = nn.Conv1d(in_channels, in_channels * 2, 1)
        self.depthwise = nn.Conv1d(in_channels, in_channels, kernel_size, padding=kernel_size // 2, groups=in_channels)
        self.batch_norm = nn.BatchNorm1d(in_channels)
        self.pointwise_out = nn.Conv1d(in_channels, in_channels, 1)
        self.dropout = nn.Dropout(dropout_p)

    def forward(self, inputs):
        x = self.norm(inputs.to(self.device)).transpose(1, 2)
        x = nn.functional.glu(self.pointwise_in(x), dim=1)
        x = nn.functional.silu(self.batch_norm(self.depthwise(x)))
        return self.dropout(self.pointwise_out(x)).transpose(1, 2)


class ConformerBlock(nn.Module):
    def __init__(self, encoder_dim=256, num_heads=4):
        super().__init__()
        self.ff1 = FeedForwardModule(encoder_dim)
        self.attn_norm = nn.LayerNorm(encoder_dim)
        self.attn = nn.MultiheadAttention(encoder_dim, num_heads, batch_first=True)
        self.conv = ConformerConvModule(encoder_dim)
        self.ff2 = FeedForwardModule(encoder_dim)
        self.final_norm = nn.LayerNorm(encoder_dim)

    def forward(self, x):
        x = x + 0.5 * self.ff1(x)
        h = self.attn_norm(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        x = x + self.conv(x)
        x = x + 0.5 * self.ff2(x)
        return self.final_norm(x)


if __name__ == "__main__":
    model = nn.Sequential(*[ConformerBlock() for _ in range(4)]).cpu().eval()
    features = torch.randn(2, 120, 256)
    with torch.no_grad():
        print(model(features).shape)
