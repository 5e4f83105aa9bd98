# source: https://github.com/adapter-hub/adapters/pull/699
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: helper
# bug-lines: 58, 59
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers import AutoModelForCausalLM, AutoTokenizer


class ScaledParallelAdapter(nn.Module):
    def __init__(self, hidden_size, reduction_factor=16, scaling=4.0):
        super().__init__()
        self.down = nn.Linear(hidden_size, hidden_size // reduction_factor)
        self.up = nn.Linear(hidden_size // reduction_factor, hidden_size)
        self.scaling = scaling
        nn.init.zeros_(self.up.weight)

    def forward(self, hidden_states):
        return self.up(F.relu(self.down(hidden_states))) * self.scaling


def add_parallel_adapters(model, name, reduction_factor=16):
    for layer in model.model.layers:
        adapter = ScaledParallelAdapter(model.config.hidden_size, reduction_factor)
        layer.mlp.add_module(f"adapter_{name}", adapter)

        def hook(module, inputs, output, adapter=adapter):
            return output + adapter(inputs[0])

        layer.mlp.register_forward_hook(hook)
    return model


def load_adapter_weights(model, adapter_dir, name):
    state = torch.load(os.path.join(adapter_dir, f"{name}.bin"), map_location="cpu")
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected:
        raise ValueError(f"unexpected adapter keys: {unexpected[:5]}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model_dir", default="checkpoints/hf_model/Llama-2-7b-chat-hf")
    p.add_argument("--adapter_dir", default="adapters")
    p.add_argument("--prompt", default="Summarize the following review:")
    args = p.parse_args()

    tokenizer = AutoTokenizer.from_pretrained(args.model_dir)
    model = AutoModelForCausalLM.from_pretrained(args.model_dir)
    model.half()
    model.to("cuda")
    add_parallel_adapters(model, "baseline_adapter")
    load_adapter_weights(model, args.adapter_dir, "baseline_adapter")
    model.eval()

    inputs = tokenizer(args.prompt, return_tensors="pt").to("cuda")
    with torch.no_grad():
        out = model.generate(**inputs, max_new_tokens=64)
    print(tokenizer.decode(out[0], skip_special_tokens=True))


if __name__ == "__main__":
    main()
