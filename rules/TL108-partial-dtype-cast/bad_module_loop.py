import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM


# LLaVA's QLoRA setup: the model is loaded in bfloat16, then its norms are upcast
# module by module; the RMSNorm hands float32 activations to bfloat16 projections.
def prepare_for_training(model):
    for name, module in model.named_modules():
        if "norm" in name:
            module.to(torch.float32)  # expect: TL108:13 lines=16,21
    return model


def train(path, device, loader):
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.bfloat16)
    model = prepare_for_training(model.to(device))
    opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
    for batch in loader:
        input_ids = batch["input_ids"].to(device)
        model(input_ids, labels=input_ids).loss.backward()
        opt.step()


# The adapters are cast to bfloat16, the rest of the model stays float32.
def cast_adapters(model, bf16):
    for module in model.modules():
        if isinstance(module, nn.Linear) and module.out_features == 4:
            module.bfloat16()  # expect: TL108:13 lines=34,36
    return model


def run(device, x):
    model = nn.Sequential(nn.Linear(16, 4), nn.Linear(4, 16)).to(device)
    model = cast_adapters(model, True)
    return model(x.to(device))
