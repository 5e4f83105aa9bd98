# source: https://github.com/axolotl-ai-cloud/axolotl/issues/473
# error: RuntimeError: expected scalar type Float but found BFloat16
# pattern: partial-dtype-cast
# shape: helper, class, loader-loop
# looks-like: partial-dtype-cast
# cpu: clean
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
        # multiply in fp32, hand back the caller's dtype
        return (self.weight * h).to(input_dtype)


class Layer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.post_attention_layernorm = RMSNorm(dim)
        self.up_proj = nn.Linear(dim, 2 * dim, bias=False)
        self.down_proj = nn.Linear(2 * dim, dim, bias=False)

    def forward(self, h):
        return h + self.down_proj(torch.relu(self.up_proj(self.post_attention_layernorm(h))))


class Decoder(nn.Module):
    def __init__(self, vocab=96, dim=32):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.layers = nn.ModuleList([Layer(dim), Layer(dim)])
        self.final_norm = RMSNorm(dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, ids):
        h = self.embed_tokens(ids)
        for layer in self.layers:
            h = layer(h)
        return self.lm_head(self.final_norm(h))


def upcast_norms(model):
    for name, module in model.named_modules():
        if name.endswith("norm"):
            module.to(torch.float32)
    return model


def fit(batches, device):
    model = upcast_norms(Decoder().to(device=device, dtype=torch.bfloat16))
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    for ids in batches:
        ids = ids.to(device)
        logits = model(ids[:, :-1]).float()
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), ids[:, 1:].flatten())
        loss.backward()
        opt.step()
        opt.zero_grad()
    return loss.item()


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    print(fit([torch.randint(0, 96, (2, 12)) for _ in range(3)], dev))
