# source: https://github.com/microsoft/LoRA/issues/17
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# looks-like: adapter-after-placement
# shape: helper, loader-loop, batch-dict
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""LoRA on BERT query/value projections without touching the model code; merged for export."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int = 8, alpha: int = 16):
        super().__init__()
        self.base, self.scaling = base, alpha / r
        self.lora_A = nn.Parameter(torch.randn(r, base.in_features) * 0.01)
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))

    def forward(self, x):
        return self.base(x) + self.scaling * (x @ self.lora_A.t() @ self.lora_B.t())


def wrap_with_lora(model, targets=("query", "value"), r=8):
    for module in list(model.modules()):
        for name in targets:
            if isinstance(getattr(module, name, None), nn.Linear):
                setattr(module, name, LoRALinear(getattr(module, name), r=r))
    for n, p in model.named_parameters():
        p.requires_grad = "lora_" in n or n.startswith("classifier")
    return model


@torch.no_grad()
def merge_lora(model):
    for module in list(model.modules()):
        for name, child in list(module.named_children()):
            if isinstance(child, LoRALinear):
                child.base.weight += child.scaling * (child.lora_B @ child.lora_A)
                setattr(module, name, child.base)
    return model


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)
    model = wrap_with_lora(model, r=8)
    model.to(device)

    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-4)
    texts = ["great movie", "terrible plot", "loved it", "fell asleep"] * 32
    labels = torch.tensor([1, 0, 1, 0] * 32)
    enc = tok(texts, padding=True, return_tensors="pt")
    rows = [{"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
             "labels": labels[i]} for i in range(len(texts))]
    for batch in DataLoader(rows, batch_size=16, shuffle=True):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(**batch).loss
        optim.zero_grad()
        loss.backward()
        optim.step()

    merge_lora(model)
    model.save_pretrained("bert-sst-lora-merged")
