# source: https://github.com/yoniLc/DDECC/pull/2
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from model import SyndromeDenoiser


def make_channel_loader(n, n_samples, snr_db, batch_size):
    x = torch.ones(n_samples, n)  # all-zero codeword after BPSK mapping
    sigma = 10 ** (-snr_db / 20.0)
    y = x + sigma * torch.randn_like(x)
    return DataLoader(TensorDataset(x, y), batch_size=batch_size)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=63)
    parser.add_argument("--k", type=int, default=51)
    parser.add_argument("--snr", type=float, default=4.0)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    g = torch.Generator().manual_seed(0)
    pc_matrix = (torch.rand(args.n - args.k, args.n, generator=g) < 0.25).float()

    model = SyndromeDenoiser(pc_matrix, n_steps=args.n - args.k + 1).to(device)
    model.eval()

    errors, total = 0, 0
    for x, y in make_channel_loader(args.n, 2048, args.snr, 256):
        x, y = x.to(device), y.to(device)
        y_hat = model.decode(y)
        errors += (torch.sign(y_hat) != x).any(dim=1).sum().item()
        total += x.size(0)
    print(f"FER @ {args.snr} dB: {errors / total:.4f}")


if __name__ == "__main__":
    main()
