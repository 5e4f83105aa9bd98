# source: https://github.com/MarilynKeller/SKEL/issues/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_bmm)
# pattern: inputs-not-moved
# shape: multi-file, top-level
# needs: torch, skel
# cpu: no written where torch was not installed; not run
"""Run forward kinematics of the SKEL biomechanical body model over a pose sequence."""
import argparse
import os

import torch
from skel.skel_model import SKEL

from motion_io import load_skel_motion, save_vertices
from skel_sequence import SkelSequence

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Compute SKEL meshes for a pose sequence.")
    parser.add_argument("motion", help="pickle with poses / betas / trans")
    parser.add_argument("--gender", default=None, choices=["male", "female"])
    parser.add_argument("--out", default="output/skel_seq.npz")
    parser.add_argument("--max-frames", type=int, default=None)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    motion = load_skel_motion(args.motion, max_frames=args.max_frames)
    gender = args.gender or motion["gender"]
    skel_model = SKEL(gender=gender).to(device)

    seq = SkelSequence(skel_layer=skel_model, betas=motion["betas"], poses_body=motion["poses"],
                       trans=motion["trans"], poses_type="skel")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    save_vertices(args.out, seq.skin_verts.numpy(), skel_model.skin_f.cpu().numpy())
    print(f"saved {len(seq)} frames to {args.out}")
