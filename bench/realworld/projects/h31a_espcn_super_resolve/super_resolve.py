# source: https://github.com/pytorch/examples/issues/599
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import torch

from infer import super_resolve_file
from model import load_checkpoint


def parse_args():
    parser = argparse.ArgumentParser(description="ESPCN super-resolution inference")
    parser.add_argument("--input_dir", type=str, required=True)
    parser.add_argument("--model", type=str, required=True, help="checkpoint saved by train.py")
    parser.add_argument("--upscale_factor", type=int, default=3)
    parser.add_argument("--output_dir", type=str, default="sr_out")
    parser.add_argument("--cpu", action="store_true")
    return parser.parse_args()


def main():
    opt = parse_args()
    use_cuda = torch.cuda.is_available() and not opt.cpu
    device = torch.device("cuda" if use_cuda else "cpu")
    model = load_checkpoint(opt.model, opt.upscale_factor).to(device)
    os.makedirs(opt.output_dir, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(opt.input_dir, "*.jpg"))):
        name = os.path.splitext(os.path.basename(path))[0]
        out = super_resolve_file(model, path, os.path.join(opt.output_dir, name + "_x%d.png" % opt.upscale_factor))
        print("saved", out)


if __name__ == "__main__":
    main()
