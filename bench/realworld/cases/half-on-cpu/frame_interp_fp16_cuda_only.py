# source: https://github.com/rafaelperez/RIFE-for-Nuke/pull/21
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# cpu: clean
# needs: torch

import torch
import torch.nn as nn
import torch.nn.functional as F


class FlowNet(nn.Module):
    def __init__(self, hidden=16):
        super().__init__()
        self.encode = nn.Sequential(nn.Conv2d(6, hidden, 3, 2, 1), nn.PReLU(hidden))
        self.decode = nn.ConvTranspose2d(hidden, 3, 4, 2, 1)

    def forward(self, img0, img1):
        feat = self.encode(torch.cat([img0, img1], dim=1))
        return torch.sigmoid(self.decode(feat))


class Interpolator:
    def __init__(self, fp16=True, device=None):
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.fp16 = fp16 and self.device.type == "cuda"
        self.dtype = torch.float16 if self.fp16 else torch.float32
        self.model = FlowNet().to(self.device, dtype=self.dtype).eval()

    def _prepare(self, frame):
        x = frame.to(self.device, dtype=self.dtype)
        h, w = x.shape[-2:]
        ph, pw = (32 - h % 32) % 32, (32 - w % 32) % 32
        return F.pad(x, (0, pw, 0, ph)), (h, w)

    @torch.no_grad()
    def __call__(self, frame0, frame1):
        img0, (h, w) = self._prepare(frame0)
        img1, _ = self._prepare(frame1)
        mid = self.model(img0, img1)
        return mid[..., :h, :w].float()


if __name__ == "__main__":
    interp = Interpolator(fp16=True)
    a, b = torch.rand(1, 3, 40, 56), torch.rand(1, 3, 40, 56)
    out = interp(a, b)
    print(out.shape, out.dtype, interp.dtype)
