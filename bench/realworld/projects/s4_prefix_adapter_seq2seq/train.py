# source: https://github.com/adapter-hub/adapters/issues/456
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument tensors in method wrapper_cat)
# pattern: adapter-after-placement
# shape: multi-file, class, loader-loop, batch-dict
# bug-lines: 33
# cpu: clean
# needs: torch
import argparse

import torch

from data import build_loader
from model import TinySeq2Seq


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--gpu", type=int, default=0)
    p.add_argument("--prefix-len", type=int, default=10)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--lr", type=float, default=5e-3)
    return p.parse_args()


def main():
    args = parse_args()
    cuda_available = torch.cuda.is_available()
    device = torch.device(f"cuda:{args.gpu}" if cuda_available else "cpu")

    model = TinySeq2Seq()
    if cuda_available:
        model = model.cuda(device)
    model.add_prefix_adapter(prefix_len=args.prefix_len)

    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=args.lr)
    for epoch in range(args.epochs):
        for batch in build_loader():
            src, mask, tgt = batch["src"], batch["mask"], batch["tgt"]
            if cuda_available:
                src = src.cuda(device)
                mask = mask.cuda(device)
                tgt = tgt.cuda(device)
            loss = model(src, mask, tgt)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        print(f"epoch {epoch}: loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
