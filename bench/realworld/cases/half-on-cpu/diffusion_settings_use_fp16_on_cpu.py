# source: https://github.com/lowfuel/progrockdiffusion/issues/111
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class, batch-dict
# bug-lines: 37, 41
# cpu: clean
# needs: torch
import json

import torch
import torch.nn as nn

SETTINGS_JSON = '{"diffusion_model": "256x256_diffusion_uncond", "steps": 3, "cuda_device": "cuda:0"}'
DIFFUSION_MODELS_JSON = '{"256x256_diffusion_uncond": {"use_fp16": true, "num_channels": 16}}'


class UNetModel(nn.Module):
    def __init__(self, num_channels=16, use_fp16=False):
        super().__init__()
        self.dtype = torch.float16 if use_fp16 else torch.float32
        self.inp = nn.Conv2d(3, num_channels, 3, padding=1)
        self.mid = nn.Conv2d(num_channels, num_channels, 3, padding=1)
        self.out = nn.Conv2d(num_channels, 3, 3, padding=1)

    def convert_to_fp16(self):
        self.inp.half()
        self.mid.half()

    def forward(self, x, t):
        h = x.type(self.dtype)
        h = torch.relu(self.mid(torch.relu(self.inp(h))))
        return self.out(h.type(x.dtype))


def load_diffusion_model(settings, model_specs, device):
    model_config = {"num_channels": 16, "use_fp16": False}
    model_config["use_fp16"] = model_specs[settings["diffusion_model"]]["use_fp16"]
    model = UNetModel(model_config["num_channels"], use_fp16=model_config["use_fp16"])
    model.requires_grad_(False).eval().to(device)
    if model_config["use_fp16"]:
        model.convert_to_fp16()
    return model


def do_run(settings, model_specs):
    device = torch.device(settings["cuda_device"] if torch.cuda.is_available() else "cpu")
    model = load_diffusion_model(settings, model_specs, device)
    x = torch.randn(1, 3, 16, 16, device=device)
    with torch.no_grad():
        for t in reversed(range(settings["steps"])):
            x = x - 0.1 * model(x, torch.tensor([t], device=device))
    return x


if __name__ == "__main__":
    print(do_run(json.loads(SETTINGS_JSON), json.loads(DIFFUSION_MODELS_JSON)).shape)
