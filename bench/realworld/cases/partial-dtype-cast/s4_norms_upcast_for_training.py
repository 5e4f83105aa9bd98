# source: https://github.com/axolotl-ai-cloud/axolotl/issues/473
# error: RuntimeError: expected scalar type Float but found BFloat16
# pattern: partial-dtype-cast
# shape: helper, class, loader-loop
# bug-lines: 33, 57
# cpu: raises "expected m1 and m2 to have the same dtype"
# needs: torch
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, h):
        input_dtype = h.dtype
        h = h.to(torch.float32)
        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * h.to(input_dtype)


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.input_layernorm = RMSNorm(dim)
        self.q_proj = nn.Linear(dim, dim, bias=False)
        self.mlp = nn.Linear(dim, dim, bias=False)

    def forward(self, h):
        return h + self.mlp(torch.tanh(self.q_proj(self.input_layernorm(h))))


class TinyCausalLM(nn.Module):
    def __init__(self, vocab=128, dim=32, layers=2):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.layers = nn.ModuleList(Block(dim) for _ in range(layers))
        self.norm = RMSNorm(dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids):
        h = self.embed_tokens(input_ids)
        for layer in self.layers:
            h = layer(h)
        return self.lm_head(self.norm(h))


def prepare_model_for_training(model, freeze_base=True):
    """Stability trick: keep layer norms in fp32 while the rest of the model stays bf16."""
    for name, param in model.named_parameters():
        param.requires_grad = not freeze_base or "norm" in name
    for name, module in model.named_modules():
        if "norm" in name:
            module.to(torch.float32)
    return model


def load_model(cfg):
    model = TinyCausalLM()
    if cfg["bf16"]:
        model = model.to(torch.bfloat16)
    return prepare_model_for_training(model)


def train(cfg, batches):
    device = cfg["device"]
    model = load_model(cfg).to(device)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    for input_ids in batches:
        input_ids = input_ids.to(device)
        logits = model(input_ids[:, :-1])
        loss = nn.functional.cross_entropy(logits.float().reshape(-1, logits.size(-1)),
                                           input_ids[:, 1:].reshape(-1))
        loss.backward()
        opt.step()
        opt.zero_grad()


if __name__ == "__main__":
    cfg = {"bf16": True, "device": "cuda" if torch.cuda.is_available() else "cpu"}
    train(cfg, [torch.randint(0, 128, (2, 16)) for _ in range(2)])
