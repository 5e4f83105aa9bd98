# source: https://github.com/liun-online/HeCo/issues/15
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper, multi-file
# cpu: raises "Torch not compiled with CUDA enabled"
# needs: torch, numpy
import argparse

import torch
import torch.nn.functional as F

from encoders import SchemaEncoder


def build_toy_graph(n_target, sizes, dim, seed=0):
    gen = torch.Generator().manual_seed(seed)
    feats = [torch.randn(n_target, dim, generator=gen)]
    nei_index = []
    for n_other in sizes:
        feats.append(torch.randn(n_other, dim, generator=gen))
        lists = [torch.randint(0, n_other, (2 + j % 5,), generator=gen).numpy() for j in range(n_target)]
        nei_index.append(lists)
    return feats, nei_index


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--hidden", type=int, default=16)
    args = parser.parse_args()

    if torch.cuda.is_available() and args.gpu >= 0:
        device = torch.device("cuda:" + str(args.gpu))
    else:
        device = torch.device("cpu")

    feats, nei_index = build_toy_graph(32, [20, 25], args.hidden)
    feats = [f.to(device) for f in feats]
    model = SchemaEncoder(args.hidden, sample_rate=[4, 3]).to(device)
    optim = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(args.epochs):
        model.train()
        z = model(feats, nei_index)
        loss = F.mse_loss(z, feats[0])
        optim.zero_grad()
        loss.backward()
        optim.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
