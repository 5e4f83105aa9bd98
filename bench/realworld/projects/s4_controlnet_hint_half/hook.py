# source: https://github.com/Mikubill/sd-webui-controlnet/issues/23
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: multi-file, helper, class
# bug-lines: 36, 45
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

from cldm import load_control_model


class TinyUNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.inp = nn.Conv2d(4, ch, 3, padding=1)
        self.out = nn.Conv2d(ch, 4, 3, padding=1)

    def forward(self, x, control=None):
        h = self.inp(x)
        if control is not None:
            h = h + control
        return self.out(h)


class ControlHook:
    def __init__(self, unet, device, dtype=torch.float16):
        self.unet = unet.to(device=device, dtype=dtype)
        self.device = device
        self.dtype = dtype
        self.control = None

    def attach(self, state_dict=None):
        self.control = load_control_model(state_dict, half=self.dtype == torch.float16)

    def hint_from_image(self, img):
        hint = torch.from_numpy(img.astype(np.float32) / 255.0).permute(2, 0, 1)[None]
        return hint.to(device=self.device, dtype=self.dtype)

    @torch.no_grad()
    def step(self, latent, img):
        hint = self.hint_from_image(img)
        control = self.control(hint)
        return self.unet(latent, control=control)


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    hook = ControlHook(TinyUNet(), dev)
    hook.attach()
    lat = torch.randn(1, 4, 16, 16, device=dev, dtype=torch.float16)
    canny = np.random.randint(0, 255, (64, 64, 3), dtype=np.uint8)
    print(hook.step(lat, canny).shape)
