# source: https://github.com/hiyouga/LlamaFactory/issues/4139
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: partial-dtype-cast
# shape: helper, class
# bug-lines: 46, 48
# cpu: raises "mat1 and mat2 must have the same dtype"
# needs: torch
from dataclasses import dataclass, field

import torch
import torch.nn as nn


class TinyLM(nn.Module):
    def __init__(self, vocab=40, dim=16):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.q_proj = nn.Linear(dim, dim)
        self.v_proj = nn.Linear(dim, dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids):
        h = self.embed_tokens(input_ids)
        h = h + self.v_proj(torch.tanh(self.q_proj(h)))
        return self.lm_head(h)


@dataclass
class FinetuningArguments:
    finetuning_type: str = "lora"
    additional_target: list = field(default_factory=lambda: ["embed_tokens", "lm_head"])
    upcast_trainable: bool = True


def _setup_lora_tuning(model, finetuning_args, is_trainable):
    for name, module in model.named_children():
        trainable = name in finetuning_args.additional_target  # modules_to_save from adapter_config
        for p in module.parameters():
            p.requires_grad_(trainable)
    return model


def init_adapter(model, finetuning_args, is_trainable):
    cast_trainable_params_to_fp32 = finetuning_args.upcast_trainable
    model = _setup_lora_tuning(model, finetuning_args, is_trainable)
    if cast_trainable_params_to_fp32:
        for param in filter(lambda p: p.requires_grad, model.parameters()):
            param.data = param.data.to(torch.float32)
    return model


def load_model(device, is_trainable):
    model = TinyLM().to(device=device, dtype=torch.float16)
    return init_adapter(model, FinetuningArguments(), is_trainable).eval()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load_model(device, is_trainable=False)  # predict with the saved LoRA
    with torch.no_grad():
        logits = model(torch.randint(0, 40, (2, 6), device=device))
    print(logits.argmax(-1))
