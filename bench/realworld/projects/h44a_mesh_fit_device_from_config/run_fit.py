# source: https://github.com/boycehbz/DMMR/issues/6
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, top-level
# looks-like: hard-coded-cuda
# needs: torch, numpy, smplx
# cpu: no written where torch was not installed; not run
"""Entry point: python run_fit.py --config cfg.yaml [--use_cuda false]"""
import os

import numpy as np
import smplx
import torch

from fit_config import load_config
from smpl_fitter import SMPLJointFitter


def select_device(cfg):
    if cfg["use_cuda"] and torch.cuda.is_available():
        return torch.device("cuda")
    if cfg["use_cuda"]:
        print("CUDA requested but not available, falling back to CPU")
    return torch.device("cpu")


def main():
    cfg = load_config()
    device = select_device(cfg)
    body_model = smplx.create(cfg["model_folder"], model_type="smpl", gender=cfg["gender"])
    body_model = body_model.to(device)

    data = np.load(cfg["keypoint_file"])  # (N, J, 4): xyz + confidence
    fitter = SMPLJointFitter(body_model, device, num_iters=cfg["num_iters"], lr=cfg["lr"])
    result = fitter.fit(data[..., :3], data[..., 3])

    os.makedirs(os.path.dirname(cfg["output"]), exist_ok=True)
    np.savez(cfg["output"], **result)
    print(f"fitted {data.shape[0]} frames on {device}")


if __name__ == "__main__":
    main()
