# source: https://github.com/eps696/aphantasia/issues/44
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# bug-lines: 30
# needs: torch, clip, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Build CLIP text/image targets for an illustration-by-prompt run (one embedding per keyframe)."""
import argparse

import clip
import numpy as np
import torch
from PIL import Image

parser = argparse.ArgumentParser()
parser.add_argument("-t", "--in_txt", default="a cityscape at night, neon lights | a quiet forest at dawn")
parser.add_argument("--in_img", default=None, help="optional reference image")
parser.add_argument("--model", default="ViT-B/32")
parser.add_argument("--out", default="targets.npz")
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model_clip, preprocess = clip.load(args.model, device=device, jit=False)
model_clip.eval()


def enc_text(txt):
    with torch.no_grad():
        emb = model_clip.encode_text(clip.tokenize(txt, truncate=True).cuda())
    return emb / emb.norm(dim=-1, keepdim=True)


def enc_image(path):
    img = preprocess(Image.open(path).convert("RGB")).unsqueeze(0).to(device)
    with torch.no_grad():
        emb = model_clip.encode_image(img)
    return emb / emb.norm(dim=-1, keepdim=True)


texts = [t.strip() for t in args.in_txt.split("|") if t.strip()]
key_txt_encs = [enc_text(t) for t in texts]
targets = {"txt_%d" % i: e.float().cpu().numpy() for i, e in enumerate(key_txt_encs)}
if args.in_img is not None:
    targets["img"] = enc_image(args.in_img).float().cpu().numpy()
np.savez(args.out, **targets)
print("saved %d targets to %s" % (len(targets), args.out))
