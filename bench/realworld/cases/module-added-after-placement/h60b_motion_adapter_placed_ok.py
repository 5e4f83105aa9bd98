# source: https://github.com/continue-revolution/sd-webui-animatediff/issues/344
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: module-added-after-placement
# shape: class
# looks-like: module-added-after-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class TemporalConvAdapter(nn.Module):
    """Cheap motion module: 1D conv over the frame axis, residual."""

    def __init__(self, channels, kernel=3):
        super().__init__()
        self.conv = nn.Conv3d(channels, channels, (kernel, 1, 1), padding=(kernel // 2, 0, 0))
        nn.init.zeros_(self.conv.weight)
        nn.init.zeros_(self.conv.bias)

    def forward(self, x, num_frames):
        bf, c, h, w = x.shape
        v = x.view(bf // num_frames, num_frames, c, h, w).transpose(1, 2)
        return x + self.conv(v).transpose(1, 2).reshape(bf, c, h, w)


class SpatialBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.motion = None

    def forward(self, x, num_frames):
        x = F.silu(self.conv(x))
        return self.motion(x, num_frames) if self.motion is not None else x


class AnimationPipeline:
    def __init__(self, device="cuda", dtype=torch.float16):
        self.device, self.dtype = torch.device(device), dtype
        self.blocks = nn.ModuleList([SpatialBlock(4, 64), SpatialBlock(64, 64), SpatialBlock(64, 4)])
        self.blocks.to(self.device, self.dtype)

    def load_motion_adapter(self, path):
        channels = [blk.conv.out_channels for blk in self.blocks]
        adapters = nn.ModuleList(TemporalConvAdapter(c) for c in channels)
        adapters.load_state_dict(torch.load(path, map_location="cpu"))
        adapters.to(device=self.device, dtype=self.dtype)
        for blk, adapter in zip(self.blocks, adapters):
            blk.motion = adapter
        self.frame_embed = nn.Embedding(64, 4, device=self.device, dtype=self.dtype)

    @torch.no_grad()
    def __call__(self, num_frames=16, steps=20):
        latents = torch.randn(num_frames, 4, 64, 64, device=self.device, dtype=self.dtype)
        frame_ids = torch.arange(num_frames, device=self.device)
        latents = latents + self.frame_embed(frame_ids)[:, :, None, None]
        for _ in range(steps):
            h = latents
            for blk in self.blocks:
                h = blk(h, num_frames)
            latents = latents - h / steps
        return latents


if __name__ == "__main__":
    pipe = AnimationPipeline()
    pipe.load_motion_adapter("temporal_adapter.pt")
    print(pipe(num_frames=16).shape)
