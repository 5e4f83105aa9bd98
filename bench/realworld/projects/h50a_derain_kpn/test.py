# source: https://github.com/tsingqguo/efficientderain/issues/35
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import torch

import utils

parser = argparse.ArgumentParser()
parser.add_argument("--load_name", default="./models/KPN_rain100H_best.pth")
parser.add_argument("--baseroot", default="./datasets/rain100H/test/rainy")
parser.add_argument("--save_folder", default="./results")
parser.add_argument("--color", type=bool, default=True)
parser.add_argument("--kernel_size", type=int, default=3)
parser.add_argument("--init_gain", type=float, default=0.02)
parser.add_argument("--no_gpu", action="store_true", help="run the network on the CPU")
opt = parser.parse_args()

device = torch.device("cpu" if opt.no_gpu or not torch.cuda.is_available() else "cuda")
generator = utils.create_generator(opt).to(device).eval()

with torch.no_grad():
    for path in sorted(glob.glob(os.path.join(opt.baseroot, "*.png"))):
        rainy = utils.read_image(path).to(device)
        derained = generator(rainy)
        utils.save_image(derained, opt.save_folder, os.path.basename(path))
print("done")
