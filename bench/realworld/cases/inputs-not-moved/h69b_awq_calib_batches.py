# source: https://github.com/intel/neural-compressor/pull/2100
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper, loader-loop, batch-dict
# bug-lines: 41
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
"""Collect per-channel activation scales for weight-only INT4 quantization of a causal LM."""
import functools

import torch
import torch.nn as nn
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer


def build_calib_loader(tokenizer, n_samples=128, seq_len=512):
    ds = load_dataset("NeelNanda/pile-10k", split="train").shuffle(seed=0).select(range(n_samples))

    def collate(rows):
        return tokenizer([r["text"] for r in rows], return_tensors="pt", truncation=True,
                         max_length=seq_len, padding="max_length")

    return DataLoader(ds, batch_size=8, collate_fn=collate)


@torch.no_grad()
def collect_act_scales(model, dataloader, max_steps=16):
    scales = {}

    def hook(name, module, inputs, output):
        x = inputs[0].detach().abs().reshape(-1, inputs[0].shape[-1]).float().mean(0)
        scales[name] = torch.maximum(scales[name], x) if name in scales else x

    handles = [m.register_forward_hook(functools.partial(hook, n))
               for n, m in model.named_modules() if isinstance(m, nn.Linear)]
    for step, batch in enumerate(dataloader):
        if step >= max_steps:
            break
        model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"])
    for h in handles:
        h.remove()
    return scales


if __name__ == "__main__":
    name = "facebook/opt-1.3b"
    tokenizer = AutoTokenizer.from_pretrained(name)
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.float16).to("cuda").eval()
    act_scales = collect_act_scales(model, build_calib_loader(tokenizer))
    torch.save({k: v.cpu() for k, v in act_scales.items()}, "opt-1.3b-act-scales.pt")
