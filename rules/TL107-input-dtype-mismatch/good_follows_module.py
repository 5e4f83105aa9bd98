import torch
import torch.nn as nn


class ControlNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.cond = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, sample):
        return self.cond(sample)


class Pipeline:
    def __init__(self, unet, controlnet):
        self.unet = unet
        self.controlnet = controlnet

    @torch.no_grad()
    def __call__(self):
        # The latents follow the module they meet.
        latents = torch.randn(1, 4, 8, 8, dtype=self.controlnet.cond.weight.dtype)
        return self.controlnet(latents)


def load_controlnet(torch_dtype=torch.float32):
    return ControlNet().to(torch_dtype)


if __name__ == "__main__":
    # Both modules in one dtype.
    controlnet = load_controlnet(torch_dtype=torch.float16)
    print(Pipeline(nn.Conv2d(4, 4, 1).half(), controlnet)().shape)
