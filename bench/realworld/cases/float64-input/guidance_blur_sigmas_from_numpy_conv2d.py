# source: https://github.com/siraxe/ComfyUI-LTX-FDG/issues/2
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: helper, class
# bug-lines: 27, 32
# cpu: raises "expected scalar type Double but found Float"
# needs: torch, numpy
import math

import numpy as np
import torch
import torch.nn.functional as F


def _gaussian_kernel_2d(kernel_size, sigma, channels, device):
    ax = torch.arange(kernel_size, device=device, dtype=torch.float32) - (kernel_size - 1) / 2
    g = torch.exp(-(ax ** 2) / (2 * sigma ** 2))
    g = g / g.sum()
    kernel = torch.outer(g, g)
    return kernel.expand(channels, 1, kernel_size, kernel_size).contiguous()


def _gaussian_blur_2d(tensor, kernel_size=5, sigma=1.0):
    kernel = _gaussian_kernel_2d(kernel_size, sigma, tensor.shape[1], tensor.device)
    pad = kernel_size // 2
    tensor = F.pad(tensor, (pad, pad, pad, pad), mode="reflect")
    return F.conv2d(tensor, kernel, groups=tensor.shape[1])


class FrequencyDecoupledGuidance:
    def __init__(self, steps=4, sigma_max=14.6, sigma_min=0.03, low_scale=1.5, high_scale=4.0):
        self.sigmas = torch.from_numpy(np.exp(np.linspace(math.log(sigma_max), math.log(sigma_min), steps)))
        self.low_scale, self.high_scale = low_scale, high_scale

    def split(self, x):
        low = _gaussian_blur_2d(x)
        return low, x - low

    def guide(self, cond, uncond):
        diff = cond - uncond
        low, high = self.split(diff)
        return uncond + self.low_scale * low + self.high_scale * high

    def sample(self, model, latent):
        x = latent * self.sigmas[0]
        for i in range(len(self.sigmas) - 1):
            sigma = self.sigmas[i].expand(x.shape[0]).view(-1, 1, 1, 1)
            sigma_next = self.sigmas[i + 1].expand(x.shape[0]).view(-1, 1, 1, 1)
            cond, uncond = model(x, sigma, True), model(x, sigma, False)
            denoised = self.guide(cond, uncond)
            x = denoised + (x - denoised) * (sigma_next / sigma)
        return x


def toy_model(x, sigma, cond):
    return x / (1.0 + sigma ** 2) + (0.1 if cond else 0.0)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    latent = torch.randn(1, 4, 16, 16, device=device)
    fdg = FrequencyDecoupledGuidance()
    fdg.sigmas = fdg.sigmas.to(device)
    print(fdg.sample(toy_model, latent).shape)
