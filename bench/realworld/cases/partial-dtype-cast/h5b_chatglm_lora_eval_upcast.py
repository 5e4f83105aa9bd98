# source: https://github.com/hiyouga/ChatGLM-Efficient-Tuning/issues/261
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: helper, class, loader-loop
# bug-lines: 42, 46
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class LoraLinear(nn.Module):
    def __init__(self, base: nn.Linear, r=8, alpha=16):
        super().__init__()
        self.base = base
        self.lora_A = nn.Linear(base.in_features, r, bias=False)
        self.lora_B = nn.Linear(r, base.out_features, bias=False)
        nn.init.zeros_(self.lora_B.weight)
        self.scaling = alpha / r

    def forward(self, x):
        return self.base(x) + self.lora_B(self.lora_A(x)) * self.scaling


class TinyGLM(nn.Module):
    def __init__(self, vocab=512, hidden=64):
        super().__init__()
        self.embed = nn.Embedding(vocab, hidden)
        self.query_key_value = nn.Linear(hidden, hidden)
        self.lm_head = nn.Linear(hidden, vocab)

    def forward(self, ids):
        return self.lm_head(torch.tanh(self.query_key_value(self.embed(ids))))


def prepare_model(device):
    model = TinyGLM().half().to(device)
    for p in model.parameters():
        p.requires_grad_(False)
    model.query_key_value = LoraLinear(model.query_key_value).to(device)
    # keep the trainable adapter weights in fp32 for a stable optimizer
    for p in model.parameters():
        if p.requires_grad:
            p.data = p.data.to(torch.float32)
    return model


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    total = 0.0
    for (ids,) in loader:
        ids = ids.to(device)
        logits = model(ids[:, :-1])
        total += F.cross_entropy(logits.float().flatten(0, 1), ids[:, 1:].flatten()).item()
    return total / len(loader)


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    model = prepare_model(dev)
    val = DataLoader(TensorDataset(torch.randint(0, 512, (32, 17))), batch_size=8)
    print("eval loss", evaluate(model, val, dev))
