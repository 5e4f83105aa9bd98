# source: https://github.com/hnmr293/stable-diffusion-webui-dumpunet/issues/4
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: multi-file, top-level
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
"""Dump per-block UNet features for a prompt (visualisation of what each block sees)."""
import argparse

import torch
from transformers import CLIPTextModel, CLIPTokenizer

from block_dumper import BlockDumper
from model_loader import DEVICE, load_unet

parser = argparse.ArgumentParser()
parser.add_argument("--repo", default="runwayml/stable-diffusion-v1-5")
parser.add_argument("--prompt", default="a cat sitting on a wooden chair")
parser.add_argument("--highvram", action="store_true", help="keep the UNet resident on the GPU")
parser.add_argument("--out", default="features.pt")
args = parser.parse_args()

tokenizer = CLIPTokenizer.from_pretrained(args.repo, subfolder="tokenizer")
text_encoder = CLIPTextModel.from_pretrained(args.repo, subfolder="text_encoder", torch_dtype=torch.float16)
text_encoder.to(DEVICE)
ids = tokenizer(args.prompt, padding="max_length", max_length=77, return_tensors="pt").input_ids.to(DEVICE)
with torch.no_grad():
    context = text_encoder(ids)[0]

unet = load_unet(args.repo, lowvram=not args.highvram)
latents = torch.randn(1, 4, 64, 64, device=DEVICE, dtype=torch.float16)
timestep = torch.tensor([500], device=DEVICE)
features = BlockDumper(unet).dump(latents, timestep, context)
torch.save(features, args.out)
print({k: tuple(v.shape) for k, v in features.items()})
