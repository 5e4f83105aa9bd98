# source: https://github.com/AutoGPTQ/AutoGPTQ/issues/101
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# bug-lines: 19, 38
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
"""Baseline perplexity of OPT-125m before GPTQ quantization, on whatever device the box has."""
import math

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "facebook/opt-125m"


def load_fp16_model(name, device):
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.float16)
    return model.to(device).eval()


def calibration_windows(tokenizer, seq_len=512, n_windows=32):
    text = "\n\n".join(load_dataset("wikitext", "wikitext-2-raw-v1", split="test")["text"])
    ids = tokenizer(text, return_tensors="pt").input_ids
    for i in range(n_windows):
        window = ids[:, i * seq_len:(i + 1) * seq_len]
        if window.shape[1] < seq_len:
            break
        yield window


@torch.no_grad()
def perplexity(model, windows, device):
    nll, count = 0.0, 0
    for window in windows:
        window = window.to(device)
        out = model(window, labels=window)
        nll += out.loss.float().item() * window.shape[1]
        count += window.shape[1]
    return math.exp(nll / count)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer = AutoTokenizer.from_pretrained(MODEL, use_fast=True)
    model = load_fp16_model(MODEL, device)
    ppl = perplexity(model, calibration_windows(tokenizer), device)
    print(f"{MODEL} fp16 perplexity on {device}: {ppl:.2f}")
