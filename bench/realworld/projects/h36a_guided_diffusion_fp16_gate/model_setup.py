# source: https://github.com/omriav/blended-diffusion/issues/14
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TinyUNet(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.time_mlp = nn.Sequential(nn.Linear(1, ch), nn.SiLU(), nn.Linear(ch, ch))
        self.down = nn.Conv2d(3, ch, 3, stride=2, padding=1)
        self.mid = nn.Conv2d(ch, ch, 3, padding=1)
        self.up = nn.ConvTranspose2d(ch, 3, 4, stride=2, padding=1)

    def forward(self, x, t):
        temb = self.time_mlp(t.float().view(-1, 1).to(x.dtype))
        h = torch.relu(self.down(x)) + temb[:, :, None, None]
        h = torch.relu(self.mid(h))
        return self.up(h)


def model_config(image_size=256, use_fp16=True):
    return {"image_size": image_size, "channels": 64, "use_fp16": use_fp16}


def load_model(checkpoint, device, config):
    """Build the UNet; only keep fp16 weights when they will actually run on a GPU."""
    model = TinyUNet(config["channels"])
    if checkpoint:
        model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    use_fp16 = config["use_fp16"] and device.type == "cuda"
    if use_fp16:
        model = model.half()
    model.requires_grad_(False).eval().to(device)
    dtype = torch.float16 if use_fp16 else torch.float32
    return model, dtype
