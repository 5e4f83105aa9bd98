# source: https://github.com/LoganBooker/prodigy-plus-schedule-free/issues/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch.nn as nn

TARGETS = ("to_q", "to_k", "to_v", "to_out.0")


class LoRAModule(nn.Module):
    def __init__(self, name, org_module: nn.Linear, rank=16, alpha=16):
        super().__init__()
        self.lora_name = name
        self.lora_down = nn.Linear(org_module.in_features, rank, bias=False)
        self.lora_up = nn.Linear(rank, org_module.out_features, bias=False)
        nn.init.kaiming_uniform_(self.lora_down.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_up.weight)
        self.scale = alpha / rank
        self.org_module = [org_module]

    def apply_to(self):
        org = self.org_module[0]
        self.org_forward = org.forward
        org.forward = self.forward

    def forward(self, x):
        return self.org_forward(x) + self.lora_up(self.lora_down(x)) * self.scale


class LoRANetwork(nn.Module):
    def __init__(self, unet, rank=16, alpha=16):
        super().__init__()
        loras = []
        for name, module in unet.named_modules():
            if isinstance(module, nn.Linear) and name.endswith(TARGETS) and "attn" in name:
                loras.append(LoRAModule("lora_unet_" + name.replace(".", "_"), module, rank, alpha))
        self.unet_loras = nn.ModuleList(loras)

    def apply_to(self):
        for lora in self.unet_loras:
            lora.apply_to()
