# source: https://github.com/RVC-Boss/GPT-SoVITS/issues/1673
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
"""Inference settings; half precision is only honoured on a usable CUDA device."""
import os

import torch

weights_dir = os.environ.get("tts_weights", "pretrained_models")
requested_half = os.environ.get("is_half", "True").lower() == "true"


def _usable_cuda():
    if not torch.cuda.is_available():
        return False
    major, _ = torch.cuda.get_device_capability(0)
    return major >= 6


infer_device = torch.device("cuda:0" if _usable_cuda() else "cpu")
is_half = requested_half and infer_device.type == "cuda"
dtype = torch.float16 if is_half else torch.float32
sampling_rate = 32000
