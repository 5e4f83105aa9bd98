# source: https://github.com/huggingface/peft/issues/1831
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: helper, loader-loop, batch-dict
# looks-like: adapter-after-placement
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer


class LoRALinear(nn.Module):
    def __init__(self, base, r=8, alpha=16):
        super().__init__()
        self.base = base
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r

    def forward(self, x):
        return self.base(x) + (x @ self.lora_A.t() @ self.lora_B.t()) * self.scaling


def inject_lora(model, target_names=("query", "value"), r=8):
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if child_name in target_names and isinstance(child, nn.Linear):
                setattr(module, child_name, LoRALinear(child, r=r))
    for n, p in model.named_parameters():
        p.requires_grad = "lora_" in n or "classifier" in n
    return model


def prepare_model(model_name, num_labels, device):
    model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=num_labels)
    model = inject_lora(model)
    return model.to(device)


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
    model = prepare_model("bert-base-uncased", num_labels=3, device=device)
    texts = ["rates will rise", "earnings beat estimates", "guidance unchanged"] * 32
    labels = [2, 1, 0] * 32
    enc = tokenizer(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
    rows = [{"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
             "labels": torch.tensor(labels[i])} for i in range(len(texts))]
    loader = DataLoader(rows, batch_size=16, shuffle=True)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=3e-4)
    model.train()
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    print("last loss", loss.item())


if __name__ == "__main__":
    main()
