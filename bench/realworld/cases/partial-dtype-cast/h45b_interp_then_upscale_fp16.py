# source: https://github.com/Fannovel16/ComfyUI-Frame-Interpolation/issues/48
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: class, helper, loader-loop
# bug-lines: 46, 52
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class BlendInterp(nn.Module):
    def __init__(self, ch=48):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(6, ch, 3, padding=1), nn.LeakyReLU(0.1),
            nn.Conv2d(ch, ch, 3, padding=1), nn.LeakyReLU(0.1),
            nn.Conv2d(ch, 1, 3, padding=1),
        )

    def forward(self, f0, f1):
        mask = torch.sigmoid(self.body(torch.cat([f0, f1], dim=1)))
        return mask * f0 + (1 - mask) * f1


class PixelShuffleUpscaler(nn.Module):
    def __init__(self, ch=64, scale=2):
        super().__init__()
        self.head = nn.Conv2d(3, ch, 3, padding=1)
        self.tail = nn.Sequential(nn.Conv2d(ch, 3 * scale * scale, 3, padding=1), nn.PixelShuffle(scale))

    def forward(self, x):
        return self.tail(torch.relu(self.head(x)))


class VideoEnhancer(nn.Module):
    """Frame interpolation followed by 2x upscaling of the in-between frame."""

    def __init__(self):
        super().__init__()
        self.interp = BlendInterp()
        self.upscaler = PixelShuffleUpscaler()

    def enable_fp16(self):
        # the interpolator is the memory hog on long clips, halve it
        self.interp.half()
        return self

    def forward(self, f0, f1):
        dtype = next(self.interp.parameters()).dtype
        mid = self.interp(f0.to(dtype), f1.to(dtype))
        return self.upscaler(mid)


def enhance_clip(frames, device, fp16=True):
    model = VideoEnhancer().to(device).eval()
    if fp16 and device.type == "cuda":
        model.enable_fp16()
    outputs = []
    with torch.no_grad():
        for i in range(frames.shape[0] - 1):
            f0 = frames[i:i + 1].to(device)
            f1 = frames[i + 1:i + 2].to(device)
            outputs.append(model(f0, f1).float().cpu())
    return torch.cat(outputs, dim=0)


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    clip = torch.rand(8, 3, 96, 160)
    result = enhance_clip(clip, dev)
    print(result.shape, result.dtype)
