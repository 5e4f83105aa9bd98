# source: https://github.com/warmshao/ChatTTSPlus/pull/26
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: class, helper
# bug-lines: 57
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r=8, alpha=16):
        super().__init__()
        self.base = base
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r

    def forward(self, x):
        return self.base(x) + (x @ self.lora_A.T @ self.lora_B.T) * self.scaling


def inject_lora(module, targets=("q_proj", "v_proj"), r=8):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear) and name in targets:
            setattr(module, name, LoRALinear(child, r=r))
        else:
            inject_lora(child, targets, r)
    return module


class SpeakerGPT(nn.Module):
    """Stand-in for the TTS token GPT: text + speaker embedding -> audio codes."""

    def __init__(self, dim=768, n_layers=12, n_codes=626):
        super().__init__()
        self.layers = nn.ModuleList(
            nn.ModuleDict({"q_proj": nn.Linear(dim, dim), "v_proj": nn.Linear(dim, dim),
                           "block": nn.TransformerEncoderLayer(dim, 12, 4 * dim, batch_first=True)})
            for _ in range(n_layers))
        self.head = nn.Linear(dim, n_codes)

    def forward(self, h):
        for layer in self.layers:
            h = layer["block"](h + layer["q_proj"](h) + layer["v_proj"](h))
        return self.head(h)


def load_finetune_model(ckpt, lora_ckpt, device):
    gpt = SpeakerGPT()
    gpt.load_state_dict(torch.load(ckpt, map_location="cpu"))
    gpt.to(device).eval()
    inject_lora(gpt, r=8)
    gpt.load_state_dict(torch.load(lora_ckpt, map_location="cpu"), strict=False)
    return gpt


if __name__ == "__main__":
    device = torch.device("cuda")
    gpt = load_finetune_model("gpt_base.pt", "lora_speaker.pt", device)
    with torch.no_grad():
        codes = gpt(torch.randn(1, 120, 768, device=device)).argmax(-1)
    print(codes.shape)
