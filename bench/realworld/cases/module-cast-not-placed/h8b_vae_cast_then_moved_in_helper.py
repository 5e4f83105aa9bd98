# source: https://github.com/kijai/ComfyUI-WanVideoWrapper/issues/791
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: helper, class
# looks-like: module-cast-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class CausalConv3d(nn.Conv3d):
    def forward(self, x):
        x = nn.functional.pad(x, (1, 1, 1, 1, 2, 0))
        return super().forward(x)


class VideoVAEDecoder(nn.Module):
    def __init__(self, z_dim=16, dim=96):
        super().__init__()
        self.conv_in = CausalConv3d(z_dim, dim, 3)
        self.mid = nn.Sequential(nn.SiLU(), CausalConv3d(dim, dim, 3))
        self.conv_out = CausalConv3d(dim, 3, 3)

    def forward(self, z):
        h = self.conv_in(z)
        return self.conv_out(h + self.mid(h))


def prepare_vae(vae, device, precision="fp16"):
    dtype = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}[precision]
    vae.eval().requires_grad_(False)
    vae.to(dtype=dtype)
    return vae.to(device)


class WanVideoDecode:
    def __init__(self, device=None, precision="fp16"):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        if self.device.type == "cpu":
            precision = "fp32"
        self.vae = prepare_vae(VideoVAEDecoder(), self.device, precision)

    def decode(self, samples, tile=False):
        vae_dtype = next(self.vae.parameters()).dtype
        latents = samples["samples"].to(self.device, vae_dtype)
        with torch.no_grad():
            frames = self.vae(latents)
        return (frames.float().clamp(-1, 1) + 1) / 2


if __name__ == "__main__":
    node = WanVideoDecode()
    out = node.decode({"samples": torch.randn(1, 16, 5, 60, 104)})
    print(out.shape)
