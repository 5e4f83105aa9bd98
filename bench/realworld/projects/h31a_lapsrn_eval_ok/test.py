# source: https://github.com/BUPTLdy/Pytorch-LapSRN/issues/2
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #2 'weight'
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import torch

from lapsrn import load_lapsrn
from sr_eval import eval_mat


def main():
    parser = argparse.ArgumentParser(description="LapSRN x4 evaluation on Set5/Set14 .mat files")
    parser.add_argument("--model", default="model/model_epoch_100.pth")
    parser.add_argument("--dataset", default="Set5")
    parser.add_argument("--cuda", action="store_true")
    opt = parser.parse_args()

    if opt.cuda and not torch.cuda.is_available():
        raise SystemExit("--cuda given but no GPU found")
    device = torch.device("cuda" if opt.cuda else "cpu")
    model = load_lapsrn(opt.model).to(device)

    scores = []
    for mat in sorted(glob.glob(os.path.join("Test", opt.dataset, "*.mat"))):
        bicubic, lapsrn = eval_mat(model, mat)
        scores.append((bicubic, lapsrn))
        print(f"{os.path.basename(mat)}: bicubic {bicubic:.2f} dB  lapsrn {lapsrn:.2f} dB")
    if scores:
        print("average lapsrn PSNR: %.2f dB" % (sum(s[1] for s in scores) / len(scores)))


if __name__ == "__main__":
    main()
