# source: https://github.com/weiyifan1023/Neeko/issues/6
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Half and Float
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F

from model import RolePlayModel, TinyBackbone


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--fp16", action="store_true")
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    return p.parse_args()


def load_backbone(args):
    backbone = TinyBackbone()
    if args.fp16:
        backbone = backbone.half()
    return backbone


def main():
    args = parse_args()
    model = RolePlayModel(load_backbone(args)).to(args.device)
    params = [p for n, p in model.named_parameters() if not n.startswith("backbone.")]
    opt = torch.optim.AdamW(params, lr=1e-4)
    for step in range(args.steps):
        ids = torch.randint(0, 1000, (2, 16), device=args.device)
        logits = model(ids)
        loss = F.cross_entropy(logits.float().flatten(0, 1), ids.flatten())
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, loss.item())


if __name__ == "__main__":
    main()
