# source: https://github.com/hao-ai-lab/FastVideo/pull/420
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, loader-loop
# bug-lines: 33
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn


class VideoVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 4, 4, stride=4)
        self.dec = nn.ConvTranspose2d(4, 3, 4, stride=4)

    def encode(self, x):
        return self.enc(x)

    def decode(self, z):
        return self.dec(z)


class EncodingStage:
    def __init__(self, vae):
        self.vae = vae

    def forward(self, batch, args):
        image = batch["image"].to(args.device, dtype=torch.float16)
        batch["image_latent"] = self.vae.encode(image)
        return batch


class DecodingStage:
    def __init__(self, vae):
        self.vae = vae

    def forward(self, batch, args):
        self.vae = self.vae.to(args.device)
        batch["output"] = self.vae.decode(batch["latents"]).float().cpu()
        if args.vae_cpu_offload:
            self.vae.to("cpu")
        return batch


class I2VPipeline:
    def __init__(self, args):
        vae = VideoVAE().to(device=args.device, dtype=torch.float16)
        self.stages = [EncodingStage(vae), DecodingStage(vae)]
        self.args = args

    def __call__(self, image):
        batch = {"image": image}
        batch = self.stages[0].forward(batch, self.args)
        batch["latents"] = batch["image_latent"] + 0.1 * torch.randn_like(batch["image_latent"])
        return self.stages[1].forward(batch, self.args)["output"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--vae-cpu-offload", action="store_true", default=True)
    args = parser.parse_args()
    pipe = I2VPipeline(args)
    for request in range(2):
        print(request, pipe(torch.rand(1, 3, 16, 16)).shape)
