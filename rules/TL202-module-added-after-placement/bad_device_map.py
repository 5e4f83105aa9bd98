import torch
from torch import nn
from transformers import AutoModelForCausalLM


class ScaledAdapter(nn.Module):
    def __init__(self, inner: nn.Linear, rank: int = 4) -> None:
        super().__init__()
        self.inner = inner
        self.down = nn.Linear(inner.in_features, rank, bias=False)
        self.up = nn.Linear(rank, inner.out_features, bias=False)

    def forward(self, x):
        return self.inner(x) + self.up(self.down(x))


def wrap_projections(model):
    for _, parent in list(model.named_modules()):
        for name, child in list(parent.named_children()):
            if name in ("q_proj", "v_proj"):
                setattr(parent, name, ScaledAdapter(child))
    return model


def load_for_tuning(path, gpu=0):
    # The whole model is loaded onto one GPU; the adapters come after, on the CPU.
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.bfloat16, device_map={"": 0})
    model = wrap_projections(model)  # expect: TL202:5 lines=21,27
    return model


def load_with_value_head(path):
    model = AutoModelForCausalLM.from_pretrained(path, device_map="cuda:0")
    model.value_head = nn.Linear(model.config.hidden_size, 1)  # expect: TL202:5 lines=33
    return model
