# source: https://github.com/UselessToys/Ecosystem_WebUI/pull/361
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch.nn as nn


class LoRAModule(nn.Module):
    def __init__(self, lora_name, org_module, multiplier=1.0, rank=4, alpha=1.0):
        super().__init__()
        self.lora_name = lora_name
        self.lora_down = nn.Linear(org_module.in_features, rank, bias=False)
        self.lora_up = nn.Linear(rank, org_module.out_features, bias=False)
        nn.init.kaiming_uniform_(self.lora_down.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_up.weight)
        self.scale = alpha / rank
        self.multiplier = multiplier
        self.org_module = [org_module]

    def apply_to(self):
        self.org_forward = self.org_module[0].forward
        self.org_module[0].forward = self.forward

    def forward(self, x):
        lora_out = self.lora_up(self.lora_down(x))
        return self.org_forward(x) + lora_out * self.multiplier * self.scale


class LoRANetwork(nn.Module):
    TARGETS = ("to_q", "to_k", "to_v", "to_out.0")

    def __init__(self, unet, rank=4, alpha=1.0):
        super().__init__()
        self.unet_loras = []
        for name, module in unet.named_modules():
            if isinstance(module, nn.Linear) and name.endswith(self.TARGETS):
                lora_name = "lora_unet_" + name.replace(".", "_")
                self.unet_loras.append(LoRAModule(lora_name, module, rank=rank, alpha=alpha))
        for lora in self.unet_loras:
            self.add_module(lora.lora_name, lora)

    def apply_to(self):
        for lora in self.unet_loras:
            lora.apply_to()

    def trainable_params(self):
        return [p for lora in self.unet_loras for p in lora.parameters()]
