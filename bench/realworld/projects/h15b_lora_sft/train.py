# source: https://github.com/ViperEkura/AstrAI/pull/18 https://github.com/invoke-ai/invoke-training/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, helper, loader-loop, batch-dict
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from lora import inject_lora, lora_parameters
from model import build_model


def make_loader(n=512, seq_len=128, vocab=32000, bs=8):
    ids = torch.randint(0, vocab, (n, seq_len))
    ds = TensorDataset(ids)
    return DataLoader(ds, batch_size=bs, shuffle=True,
                      collate_fn=lambda rows: {"input_ids": torch.stack([r[0] for r in rows])})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default=None)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_model(args.ckpt)
    model.to(device)
    n = inject_lora(model, rank=args.rank)
    print(f"injected LoRA into {n} linear layers")

    optimizer = torch.optim.AdamW(lora_parameters(model), lr=2e-4)
    loader = make_loader()
    model.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            input_ids = batch["input_ids"].to(device)
            logits = model(input_ids[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), input_ids[:, 1:].reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 20 == 0:
                print(epoch, step, loss.item())


if __name__ == "__main__":
    main()
