# source: https://github.com/hiyouga/LlamaFactory/issues/4139
# error: none (correct: trainable params are upcast only for training, inference keeps one dtype)
# shape: helper, class
# looks-like: partial-dtype-cast
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class TinyLM(nn.Module):
    def __init__(self, vocab=40, dim=16):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.q_proj = nn.Linear(dim, dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids):
        h = self.embed_tokens(input_ids)
        return self.lm_head(h + torch.tanh(self.q_proj(h)))


def init_adapter(model, additional_target, is_trainable, cast_trainable_params_to_fp32=True):
    for name, module in model.named_children():
        for p in module.parameters():
            p.requires_grad_(is_trainable and name in additional_target)
    if cast_trainable_params_to_fp32 and is_trainable:
        for param in filter(lambda p: p.requires_grad, model.parameters()):
            param.data = param.data.to(torch.float32)
    return model


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if device == "cuda" else torch.bfloat16
    model = TinyLM().to(device=device, dtype=dtype)
    model = init_adapter(model, ["embed_tokens", "lm_head"], is_trainable=False).eval()
    with torch.no_grad():
        print(model(torch.randint(0, 40, (2, 6), device=device)).argmax(-1))
