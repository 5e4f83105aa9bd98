# source: https://github.com/jax-explorer/ComfyUI-easycontrol/pull/1
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, class
# bug-lines: 52, 53, 59
# needs: torch, safetensors, diffusers
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
from safetensors.torch import load_file


class LoRALinearLayer(nn.Module):
    def __init__(self, in_features, out_features, rank=4, network_alpha=None, device=None, dtype=None):
        super().__init__()
        self.down = nn.Linear(in_features, rank, bias=False, device=device, dtype=dtype)
        self.up = nn.Linear(rank, out_features, bias=False, device=device, dtype=dtype)
        self.rank = rank
        self.network_alpha = network_alpha
        nn.init.normal_(self.down.weight, std=1.0 / rank)
        nn.init.zeros_(self.up.weight)

    def forward(self, hidden_states):
        orig_dtype = hidden_states.dtype
        out = self.up(self.down(hidden_states.to(self.down.weight.dtype)))
        if self.network_alpha is not None:
            out = out * (self.network_alpha / self.rank)
        return out.to(orig_dtype)


class LoRAWrappedLinear(nn.Module):
    def __init__(self, base: nn.Linear, lora: LoRALinearLayer, scale=1.0):
        super().__init__()
        self.base, self.lora, self.scale = base, lora, scale

    def forward(self, x):
        return self.base(x) + self.scale * self.lora(x)


def _attention_modules(transformer):
    for block in list(transformer.transformer_blocks) + list(transformer.single_transformer_blocks):
        yield block.attn


def set_condition_lora(transformer, lora_path, lora_weight=1.0, rank=128, network_alpha=128):
    state = load_file(lora_path)
    n_loaded = 0
    for idx, attn in enumerate(_attention_modules(transformer)):
        for proj in ("to_q", "to_k", "to_v"):
            base = getattr(attn, proj)
            lora = LoRALinearLayer(base.in_features, base.out_features, rank, network_alpha,
                                   device="cuda", dtype=torch.bfloat16)
            prefix = f"attn.{idx}.{proj}"
            if f"{prefix}.down.weight" in state:
                lora.down.weight.data.copy_(state[f"{prefix}.down.weight"])
                lora.up.weight.data.copy_(state[f"{prefix}.up.weight"])
                n_loaded += 1
            setattr(attn, proj, LoRAWrappedLinear(base, lora, lora_weight).to("cuda"))
    return n_loaded


def clear_condition_lora(transformer):
    for attn in _attention_modules(transformer):
        for proj in ("to_q", "to_k", "to_v"):
            layer = getattr(attn, proj)
            if isinstance(layer, LoRAWrappedLinear):
                setattr(attn, proj, layer.base)


if __name__ == "__main__":
    from diffusers import FluxTransformer2DModel

    device = "mps" if torch.backends.mps.is_available() else "cpu"
    transformer = FluxTransformer2DModel.from_pretrained(
        "black-forest-labs/FLUX.1-dev", subfolder="transformer", torch_dtype=torch.bfloat16
    ).to(device)
    print(set_condition_lora(transformer, "models/subject_512.safetensors", lora_weight=1.0))
