# source: https://github.com/AUTOMATIC1111/stable-diffusion-webui/issues/5668
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, top-level
# bug-lines: 20, 69
# cpu: raises "Input type (c10::Half) and bias type (float) should be the same"
# needs: torch
import argparse
import os

import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--no-half-vae", action="store_true")
parser.add_argument("--steps", type=int, default=4)
cmd_opts = parser.parse_args(os.environ.get("COMMANDLINE_ARGS", "--no-half-vae").split())

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
dtype_vae = torch.float16


class FirstStageModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.post_quant_conv = nn.Conv2d(4, 4, 1)
        self.decoder = nn.Sequential(nn.Conv2d(4, 32, 3, padding=1), nn.SiLU(), nn.Conv2d(32, 3, 3, padding=1))

    def decode(self, z):
        return self.decoder(self.post_quant_conv(z))


class LatentDiffusion(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(nn.Conv2d(4, 32, 3, padding=1), nn.SiLU(), nn.Conv2d(32, 4, 3, padding=1))
        self.first_stage_model = FirstStageModel()
        self.scale_factor = 0.18215


def load_model():
    sd_model = LatentDiffusion()
    if cmd_opts.no_half_vae:
        vae = sd_model.first_stage_model
        sd_model.first_stage_model = None
        sd_model.half()
        sd_model.first_stage_model = vae
    else:
        sd_model.half()
    return sd_model.to(device).eval()


def decode_first_stage(model, x):
    with torch.no_grad():
        return model.first_stage_model.decode(x / model.scale_factor)


def sample(model, batch_size, steps):
    x = torch.randn(batch_size, 4, 16, 16, device=device, dtype=torch.float16)
    with torch.no_grad():
        for _ in range(steps):
            x = x - 0.1 * model.model(x)
    return x


def process_images(sd_model, batch_size=2):
    samples_ddim = sample(sd_model, batch_size, cmd_opts.steps)
    x_samples_ddim = [
        decode_first_stage(sd_model, samples_ddim[i:i + 1].to(dtype=dtype_vae))[0].cpu()
        for i in range(samples_ddim.size(0))
    ]
    return torch.stack(x_samples_ddim).float().clamp(-1, 1)


if __name__ == "__main__":
    sd_model = load_model()
    images = process_images(sd_model)
    print(images.shape)
