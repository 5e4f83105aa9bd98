# source: https://github.com/ModelTC/Outlier_Suppression_Plus/issues/1
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: module-cast-not-placed
# shape: helper, loader-loop
# bug-lines: 20, 64
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
"""Collect per-channel activation scales of an OPT model before W8A8 quantization."""
import argparse
import functools

import torch
import torch.nn as nn
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer


def load_fp16_model(name_or_path):
    model = AutoModelForCausalLM.from_pretrained(name_or_path, torch_dtype=torch.float32)
    model = model.half()
    model.eval()
    return model


def calibration_batches(tokenizer, n_samples=128, seq_len=512):
    data = load_dataset("wikitext", "wikitext-2-raw-v1", split="validation")
    text = "\n\n".join(t for t in data["text"] if t.strip())
    ids = tokenizer(text, return_tensors="pt").input_ids[0]
    for i in range(n_samples):
        start = i * seq_len
        if start + seq_len > ids.numel():
            break
        yield ids[start:start + seq_len].unsqueeze(0)


@torch.no_grad()
def collect_act_scales(model, batches):
    scales = {}

    def record(name, module, inputs, output):
        x = inputs[0].detach().abs().reshape(-1, inputs[0].shape[-1])
        cur = x.max(dim=0).values.float().cpu()
        scales[name] = torch.maximum(scales[name], cur) if name in scales else cur

    hooks = [
        m.register_forward_hook(functools.partial(record, n))
        for n, m in model.named_modules() if isinstance(m, nn.Linear)
    ]
    for input_ids in batches:
        model(input_ids.to(model.device))
    for h in hooks:
        h.remove()
    return scales


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="facebook/opt-1.3b")
    parser.add_argument("--out", default="act_scales/opt-1.3b.pt")
    parser.add_argument("--n_samples", type=int, default=128)
    args = parser.parse_args()

    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = load_fp16_model(args.model)
    scales = collect_act_scales(model, calibration_batches(tokenizer, args.n_samples))
    torch.save(scales, args.out)
    print(f"saved {len(scales)} activation scales to {args.out}")


if __name__ == "__main__":
    main()
