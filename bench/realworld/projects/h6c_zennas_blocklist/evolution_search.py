# source: https://github.com/Adlik/zen_nas/issues/7
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
import random

import numpy as np
import torch

from masternet import MasterNet


@torch.no_grad()
def compute_zen_score(model, gpu, resolution=224, batch_size=16, mixup_gamma=1e-2, repeat=4):
    device = torch.device(f"cuda:{gpu}") if gpu is not None else torch.device("cpu")
    scores = []
    for _ in range(repeat):
        model.init_parameters()
        x = torch.randn(batch_size, 3, resolution, resolution, device=device)
        mix = torch.randn(batch_size, 3, resolution, resolution, device=device)
        out = model.forward_pre_GAP(x)
        out_mixed = model.forward_pre_GAP(x + mixup_gamma * mix)
        delta = torch.sum(torch.abs(out - out_mixed), dim=[1, 2, 3]).mean()
        scores.append(torch.log(delta + 1e-9).item())
    return float(np.mean(scores))


def mutate(struct):
    widths = [16, 32, 48, 64, 96, 128]
    tokens = struct.split(";")
    i = random.randrange(1, len(tokens))
    name, args = tokens[i].split("(")
    in_c, _, stride = args.rstrip(")").split(",")
    width = random.choice(widths)
    tokens[i] = f"{name}({in_c},{width},{stride})"
    if i + 1 < len(tokens):
        nxt, nargs = tokens[i + 1].split("(")
        _, n_out, n_stride = nargs.rstrip(")").split(",")
        tokens[i + 1] = f"{nxt}({width},{n_out},{n_stride})"
    return ";".join(tokens)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--evolution_rounds", type=int, default=200)
    args = parser.parse_args()

    struct = "ConvK3BNRELU(3,32,2);ResK3K3(32,64,2);ResK3K3(64,64,1);ResK3K3(64,128,2)"
    best = (-1e9, struct)
    for _ in range(args.evolution_rounds):
        candidate = mutate(best[1])
        model = MasterNet(candidate, num_classes=100)
        model = model.cuda(args.gpu)
        score = compute_zen_score(model, args.gpu)
        if score > best[0]:
            best = (score, candidate)
    print("best structure:", best[1], "zen score:", best[0])


if __name__ == "__main__":
    main()
