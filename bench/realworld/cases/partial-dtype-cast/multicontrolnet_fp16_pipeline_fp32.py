# source: https://github.com/huggingface/diffusers/issues/7562
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 66, 67, 68
# cpu: raises "Input type (float) and bias type (c10::Half)"
# needs: torch
import torch
import torch.nn as nn


class ControlNetModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.cond_embedding = nn.Conv2d(3, 4, 3, padding=1)

    @classmethod
    def from_pretrained(cls, name, torch_dtype=torch.float32):
        return cls().to(torch_dtype)

    def forward(self, sample, cond):
        return self.cond_embedding(cond)


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, sample, residual):
        return self.conv(sample + residual)


class ControlNetImg2ImgPipeline:
    def __init__(self, unet, controlnet, torch_dtype=torch.float32):
        self.unet = unet.to(torch_dtype)
        self.controlnet = controlnet
        self.device = torch.device("cpu")

    @classmethod
    def from_pretrained(cls, name, controlnet, torch_dtype=torch.float32):
        return cls(UNet(), controlnet, torch_dtype=torch_dtype)

    def to(self, device):
        self.device = torch.device(device)
        self.unet.to(self.device)
        for net in self.controlnet:
            net.to(self.device)
        return self

    def prepare_control_image(self, image, dtype):
        return image.to(device=self.device, dtype=dtype)

    @torch.no_grad()
    def __call__(self, control_images, steps=2):
        dtype = self.unet.conv.weight.dtype
        latents = torch.randn(1, 4, 8, 8, device=self.device, dtype=dtype)
        images = [self.prepare_control_image(im, dtype) for im in control_images]
        for _ in range(steps):
            residual = sum(net(latents, im) for net, im in zip(self.controlnet, images))
            latents = latents - 0.1 * self.unet(latents, residual.to(dtype))
        return latents


if __name__ == "__main__":
    zoedepthnet = ControlNetModel.from_pretrained("controlnet-zoe-depth-sdxl-1.0", torch_dtype=torch.float16)
    cannynet = ControlNetModel.from_pretrained("controlnet-canny-sdxl-1.0", torch_dtype=torch.float16)
    pipe = ControlNetImg2ImgPipeline.from_pretrained("stable-diffusion-xl-base-1.0",
                                                     controlnet=[zoedepthnet, cannynet])
    pipe = pipe.to("cuda" if torch.cuda.is_available() else "cpu")
    out = pipe([torch.rand(1, 3, 8, 8), torch.rand(1, 3, 8, 8)])
    print(out.shape)
