# source: https://github.com/Mikubill/sd-webui-controlnet/issues/23
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: multi-file, helper, class
# bug-lines: 42
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class HintEncoder(nn.Module):
    """Turns a control image (canny / depth map) into a residual for the UNet."""

    def __init__(self, hint_channels=3, model_channels=32):
        super().__init__()
        self.input_hint_block = nn.Sequential(
            nn.Conv2d(hint_channels, 16, 3, padding=1), nn.SiLU(),
            nn.Conv2d(16, 32, 3, padding=1, stride=2), nn.SiLU(),
            nn.Conv2d(32, model_channels, 3, padding=1, stride=2),
        )
        self.zero_conv = nn.Conv2d(model_channels, model_channels, 1)

    def forward(self, hint):
        return self.zero_conv(self.input_hint_block(hint))


class ControlNetWrapper(nn.Module):
    def __init__(self, control_model, weight=1.0):
        super().__init__()
        self.control_model = control_model
        self.weight = weight

    def forward(self, hint):
        return self.control_model(hint) * self.weight


def load_control_model(state_dict=None, half=True):
    net = HintEncoder()
    if state_dict is not None:
        net.load_state_dict(state_dict)
    net = net.half() if half else net.float()
    return ControlNetWrapper(net)
