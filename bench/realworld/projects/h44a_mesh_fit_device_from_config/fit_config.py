# source: https://github.com/boycehbz/DMMR/issues/6
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper
# looks-like: hard-coded-cuda
# needs: pyyaml
# cpu: no written where torch was not installed; not run
"""Configuration for multi-view SMPL fitting; `use_cuda: false` runs everything on the CPU."""
import argparse

import yaml

DEFAULTS = {
    "use_cuda": True,
    "model_folder": "models/smpl",
    "gender": "neutral",
    "num_iters": 300,
    "lr": 0.02,
    "keypoint_file": "data/keypoints3d.npy",
    "output": "output/fit_result.npz",
}


def _str2bool(value):
    return str(value).lower() in ("1", "true", "yes", "y")


def load_config(argv=None):
    parser = argparse.ArgumentParser(description="Fit SMPL to triangulated 3D keypoints")
    parser.add_argument("--config", default=None)
    parser.add_argument("--use_cuda", type=_str2bool, default=None)
    args = parser.parse_args(argv)
    cfg = dict(DEFAULTS)
    if args.config:
        with open(args.config) as f:
            cfg.update(yaml.safe_load(f) or {})
    if args.use_cuda is not None:
        cfg["use_cuda"] = args.use_cuda
    return cfg
