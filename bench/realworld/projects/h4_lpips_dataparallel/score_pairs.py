# source: https://github.com/rosinality/stylegan2-pytorch/issues/130
# error: RuntimeError: Caught RuntimeError in replica 1 on device 1.
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# cpu: clean
# needs: torch
import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from dist_model import DistModel


def make_pairs(n=16, size=32):
    ref = torch.rand(n, 3, size, size) * 2 - 1
    distorted = (ref + 0.1 * torch.randn_like(ref)).clamp(-1, 1)
    return TensorDataset(ref, distorted)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu_ids", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--batch_size", type=int, default=8)
    args = parser.parse_args()

    use_gpu = torch.cuda.is_available()
    gpu_ids = args.gpu_ids if use_gpu else []
    device = torch.device(f"cuda:{gpu_ids[0]}") if use_gpu else torch.device("cpu")

    loader = DataLoader(make_pairs(), batch_size=args.batch_size, shuffle=False)
    model = DistModel().initialize(use_gpu=use_gpu, gpu_ids=gpu_ids)
    scores = model.score_loader(loader, device)
    print("mean perceptual distance:", scores.mean().item())


if __name__ == "__main__":
    main()
