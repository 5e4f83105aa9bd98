# source: https://github.com/RVC-Boss/GPT-SoVITS/issues/770
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
"""Runtime settings for the few-shot voice cloning demo (read from the environment)."""
import os

import torch

sovits_path = os.environ.get("sovits_path", "pretrained_models/s2G488k.pth")
ssl_path = os.environ.get("cnhubert_base_path", "pretrained_models/chinese-hubert-base")
bert_path = os.environ.get("bert_path", "pretrained_models/chinese-roberta-wwm-ext-large")

is_half_str = os.environ.get("is_half", "True")
is_half = is_half_str.lower() == "true"

if torch.cuda.is_available():
    infer_device = "cuda"
else:
    infer_device = "cpu"

webui_port = int(os.environ.get("webui_port", 9872))
sampling_rate = 32000
ssl_rate = 16000
