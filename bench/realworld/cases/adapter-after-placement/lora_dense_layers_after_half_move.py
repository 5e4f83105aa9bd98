# source: https://github.com/huggingface/peft/pull/201
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: helper, batch-dict, loader-loop
# bug-lines: 19, 20, 63
# cpu: clean
# needs: torch
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader


class LoraWrapped(nn.Module):
    def __init__(self, target: nn.Linear, r: int, alpha: int):
        super().__init__()
        self.target = target
        self.lora_down = nn.Linear(target.in_features, r, bias=False)
        self.lora_up = nn.Linear(r, target.out_features, bias=False)
        nn.init.zeros_(self.lora_up.weight)
        self.scale = alpha / r

    def forward(self, x):
        return self.target(x) + self.lora_up(self.lora_down(x)) * self.scale


def add_lora_layers(model, target_modules, r=8, alpha=16):
    for name, _ in list(model.named_modules()):
        parent_name, _, child_name = name.rpartition(".")
        if child_name not in target_modules:
            continue
        parent = model.get_submodule(parent_name) if parent_name else model
        setattr(parent, child_name, LoraWrapped(getattr(parent, child_name), r, alpha))
    for n, p in model.named_parameters():
        p.requires_grad = "lora_" in n


class TinyDecoder(nn.Module):
    def __init__(self, vocab=100, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.query = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.lm_head = nn.Linear(dim, vocab)

    def forward(self, input_ids, labels=None):
        h = self.embed(input_ids)
        logits = self.lm_head(h + self.value(torch.tanh(self.query(h))))
        loss = nn.functional.cross_entropy(logits.flatten(0, 1).float(), labels.flatten())
        return {"loss": loss, "logits": logits}


def collate(samples):
    return {"input_ids": torch.stack(samples), "labels": torch.stack(samples)}


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    model = TinyDecoder().to(device, dtype=dtype)
    # LoRA is added once the half model is already on the GPU
    add_lora_layers(model, target_modules=args.target_modules, r=args.lora_r)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=1e-2)

    data = [torch.randint(0, 100, (12,)) for _ in range(16)]
    for batch in DataLoader(data, batch_size=4, collate_fn=collate):
        batch = {k: v.to(device) for k, v in batch.items()}
        out = model(**batch)
        out["loss"].backward()
        optimizer.step()
        optimizer.zero_grad()
    print("loss", out["loss"].item())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lora_r", type=int, default=4)
    parser.add_argument("--target_modules", nargs="+", default=["query", "value"])
    main(parser.parse_args())
