# source: https://github.com/Vchitect/Latte/issues/61
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, class
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class Latte(nn.Module):
    def __init__(self, in_channels=4, hidden_size=32, patch_size=2, num_frames=4):
        super().__init__()
        self.patch_size = patch_size
        self.x_embedder = nn.Conv2d(in_channels, hidden_size, patch_size, stride=patch_size)
        self.temp_embed = nn.Parameter(torch.zeros(1, num_frames, hidden_size))
        self.block = nn.TransformerEncoderLayer(hidden_size, 4, 2 * hidden_size, batch_first=True)
        self.final = nn.Linear(hidden_size, in_channels * patch_size * patch_size)

    def forward(self, x, t):
        b, c, f, h, w = x.shape
        frames = x.permute(0, 2, 1, 3, 4).reshape(b * f, c, h, w)
        tokens = self.x_embedder(frames).flatten(2).transpose(1, 2)
        tokens = self.block(tokens)
        out = self.final(tokens).transpose(1, 2).reshape(b * f, c, self.patch_size, self.patch_size, -1)
        out = out.permute(0, 1, 4, 2, 3).reshape(b * f, c, h, w)
        return out.reshape(b, f, c, h, w).permute(0, 2, 1, 3, 4)


def get_models(args):
    if "Latte" in args.model:
        return Latte(in_channels=args.in_channels, num_frames=args.num_frames)
    raise NotImplementedError(f"{args.model} is not supported")
