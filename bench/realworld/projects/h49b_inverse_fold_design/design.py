# source: https://github.com/facebookresearch/esm/issues/374
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, top-level
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sample designed sequences for a backbone stored as an .npz of N/CA/C coordinates."""
import argparse

import numpy as np
import torch

from model import InverseFolder

parser = argparse.ArgumentParser()
parser.add_argument("weights")
parser.add_argument("backbone_npz")
parser.add_argument("--num_samples", type=int, default=4)
parser.add_argument("--temperature", type=float, default=0.5)
parser.add_argument("--gpu", type=int, default=0)
parser.add_argument("--out", default="designs.fasta")
args = parser.parse_args()

device = torch.device(f"cuda:{args.gpu}" if torch.cuda.is_available() else "cpu")
model = InverseFolder()
model.load_state_dict(torch.load(args.weights, map_location="cpu"))
model = model.eval()
model.to(device)

data = np.load(args.backbone_npz)
coords = np.stack([data["N"], data["CA"], data["C"]], axis=1)
native = str(data["seq"]) if "seq" in data else None

with open(args.out, "w") as fh:
    for i in range(args.num_samples):
        seq = model.sample(coords, temperature=args.temperature)
        if native is not None:
            recovery = np.mean([a == b for a, b in zip(seq, native)])
            print(f"sample {i}: recovery {recovery:.3f}")
        fh.write(f">design_{i}\n{seq}\n")
