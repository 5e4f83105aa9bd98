# source: https://github.com/Mikubill/sd-webui-controlnet/issues/23
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class
# looks-like: module-cast-not-placed
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class HintBlock(nn.Module):
    def __init__(self, ch=16):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, ch, 3, padding=1), nn.SiLU(),
                                  nn.Conv2d(ch, 4, 3, padding=1, stride=4))

    def forward(self, hint):
        return self.body(hint)


class ControlUnit:
    """Loads the control model in half precision; placement happens in `activate`."""

    def __init__(self, device, low_vram=False):
        self.device = device
        self.low_vram = low_vram
        self.model = None

    def load(self):
        model = HintBlock()
        self.model = model.half().eval()
        return self

    def activate(self):
        # moved lazily so that low-vram mode can keep it off the GPU until needed
        self.model.to(self.device)
        return self

    @torch.no_grad()
    def __call__(self, hint):
        hint = hint.to(self.device, dtype=torch.float16)
        return self.model(hint)


def run(device):
    unit = ControlUnit(device).load()
    unit.activate()
    canny = torch.rand(1, 3, 32, 32)
    return unit(canny)


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    print(run(dev).shape)
