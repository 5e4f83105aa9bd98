# source: https://github.com/Sygil-Dev/stable-diffusion/issues/189
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, batch-dict
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn

GFPGAN_DIR = os.environ.get("GFPGAN_DIR", "./src/gfpgan")
device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


class FaceRestoreNet(nn.Module):
    def __init__(self, channels=64):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, channels, 3, padding=1), nn.LeakyReLU(0.2),
                                     nn.Conv2d(channels, channels, 3, padding=1), nn.LeakyReLU(0.2))
        self.to_rgb = nn.Conv2d(channels, 3, 1)

    def forward(self, x):
        return torch.tanh(x + self.to_rgb(self.encoder(x)))


_restorer = None


def load_gfpgan():
    global _restorer
    if _restorer is None:
        model_path = os.path.join(GFPGAN_DIR, "experiments/pretrained_models/GFPGANv1.3.pth")
        if not os.path.isfile(model_path):
            raise FileNotFoundError(f"GFPGAN model not found at {model_path}")
        net = FaceRestoreNet()
        net.load_state_dict(torch.load(model_path, map_location="cpu"), strict=False)
        _restorer = net.eval()
    return _restorer


def run_txt2img(prompt, steps=30, height=512, width=512):
    # stands in for the sampler: images come back from the fp16 pipeline as cuda half tensors
    images = torch.rand(2, 3, height, width, device=device, dtype=torch.float16) * 2 - 1
    return {"prompt": prompt, "steps": steps, "images": images}


def postprocess(result, use_gfpgan=True):
    images = result["images"]
    if use_gfpgan:
        restorer = load_gfpgan()
        with torch.no_grad():
            images = restorer(images)
    result["images"] = ((images.float() + 1) / 2).clamp(0, 1).cpu()
    return result


if __name__ == "__main__":
    out = postprocess(run_txt2img("portrait photo of an old sailor"), use_gfpgan=True)
    print(out["images"].shape)
