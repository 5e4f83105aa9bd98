# source: https://github.com/RVC-Project/Retrieval-based-Voice-Conversion-WebUI/issues/210
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

# ---------------- hardware ----------------
# cuda:x, cpu or mps
device = "cuda:0"
# 20/30/40-series cards: keep True, it is faster and does not hurt quality
is_half = True
# 0 = use every CPU thread
n_cpu = 0

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=7865, help="listen port")
parser.add_argument("--pycmd", type=str, default="python", help="python command")
parser.add_argument("--noautoopen", action="store_true", help="do not open the browser")
cmd_opts, _ = parser.parse_known_args()

if torch.cuda.is_available():
    gpu_name = torch.cuda.get_device_name(int(device.split(":")[-1]))
    if "16" in gpu_name or "P40" in gpu_name.upper() or "1070" in gpu_name or "1080" in gpu_name:
        print("16-series / 10-series cards and P40 are forced to single precision")
        is_half = False
elif torch.backends.mps.is_available():
    print("No supported NVIDIA card found, using MPS for inference")
    device = "mps"
else:
    print("No supported NVIDIA card found, using CPU for inference")
    device = "cpu"

if is_half:
    # settings for 6 GB of video memory
    x_pad, x_query, x_center, x_max = 3, 10, 60, 65
else:
    # settings for 5 GB of memory
    x_pad, x_query, x_center, x_max = 1, 6, 38, 41
