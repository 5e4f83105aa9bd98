# source: https://github.com/rasbt/LLMs-from-scratch/issues/232
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# bug-lines: 36, 39
# needs: torch
# cpu: no written where torch was not installed; not run
"""Continue pretraining TinyGPT from a saved model+optimizer checkpoint."""
import argparse

import torch
import torch.nn.functional as F

from data import make_loader
from model import TinyGPT, GPT_CONFIG_SMALL


def load_token_ids(path):
    with open(path, "r", encoding="utf-8") as fh:
        return [int(tok) for tok in fh.read().split()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="model_and_optimizer.pth")
    parser.add_argument("--tokens", default="train_tokens.txt")
    parser.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    checkpoint = torch.load(args.ckpt, map_location="cpu", weights_only=True)

    model = TinyGPT(GPT_CONFIG_SMALL)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=0.1)
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])

    # send the model to the GPU for the continued run
    model.to(device)

    loader = make_loader(load_token_ids(args.tokens), batch_size=8)
    model.train()
    for epoch in range(args.epochs):
        for step, (input_batch, target_batch) in enumerate(loader):
            input_batch = input_batch.to(device)
            target_batch = target_batch.to(device)
            optimizer.zero_grad()
            logits = model(input_batch)
            loss = F.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f}")

    torch.save({"model_state_dict": model.state_dict(),
                "optimizer_state_dict": optimizer.state_dict()}, args.ckpt)


if __name__ == "__main__":
    main()
