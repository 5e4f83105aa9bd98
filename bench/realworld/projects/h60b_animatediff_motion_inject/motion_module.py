# source: https://github.com/continue-revolution/sd-webui-animatediff/issues/292
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: module-added-after-placement
# shape: multi-file, class, helper
# bug-lines: 46
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TemporalTransformer(nn.Module):
    """Self-attention over the frame axis at every spatial location."""

    def __init__(self, channels, heads=8):
        super().__init__()
        self.norm = nn.GroupNorm(8, channels)
        self.proj_in = nn.Conv2d(channels, channels, 1)
        self.attn = nn.MultiheadAttention(channels, heads, batch_first=True)
        self.proj_out = nn.Conv2d(channels, channels, 1)

    def forward(self, x, num_frames):
        bf, c, h, w = x.shape
        hidden = self.proj_in(self.norm(x))
        hidden = hidden.view(bf // num_frames, num_frames, c, h * w).permute(0, 3, 1, 2)
        hidden = hidden.reshape(-1, num_frames, c)
        hidden = self.attn(hidden, hidden, hidden, need_weights=False)[0]
        hidden = hidden.view(bf // num_frames, h * w, num_frames, c).permute(0, 2, 3, 1)
        return x + self.proj_out(hidden.reshape(bf, c, h, w))


class MotionModuleBank(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.motion_modules = nn.ModuleList(TemporalTransformer(c) for c in channels)


def load_motion_modules(path, channels):
    bank = MotionModuleBank(channels)
    bank.load_state_dict(torch.load(path, map_location="cpu"))
    return bank.eval()


def inject_motion_modules(unet, bank):
    for block, mm in zip(unet.down_blocks, bank.motion_modules):
        block.motion_module = mm
    print(f"Injected {len(bank.motion_modules)} motion modules into UNet down blocks.")
