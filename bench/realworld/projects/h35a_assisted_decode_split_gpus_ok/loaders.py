# source: https://github.com/huggingface/transformers/issues/35099
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# looks-like: current-gpu-mismatch
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Put the target model and the small assistant on different GPUs when two are present."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def pick_devices():
    if torch.cuda.device_count() >= 2:
        return torch.device("cuda", 0), torch.device("cuda", 1)
    if torch.cuda.is_available():
        return torch.device("cuda", 0), torch.device("cuda", 0)
    return torch.device("cpu"), torch.device("cpu")


def model_device(model):
    return next(model.parameters()).device


def load_pair(checkpoint, assistant_checkpoint):
    target_device, assistant_device = pick_devices()
    dtype = torch.float16 if target_device.type == "cuda" else torch.float32
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    target = AutoModelForCausalLM.from_pretrained(checkpoint, torch_dtype=dtype).to(target_device).eval()
    assistant = AutoModelForCausalLM.from_pretrained(assistant_checkpoint, torch_dtype=dtype).to(assistant_device).eval()
    return tokenizer, target, assistant
