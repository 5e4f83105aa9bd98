# source: https://github.com/facebookresearch/fairchem/pull/250 https://github.com/av-savchenko/hsemotion/pull/1
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from model import EnergyRegressor
from utils import load_checkpoint


def parse_args():
    p = argparse.ArgumentParser(description="Predict energies with a trained regressor")
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--features", required=True, help=".pt file with an (N, 64) tensor")
    p.add_argument("--cpu", action="store_true")
    p.add_argument("--batch-size", type=int, default=256)
    return p.parse_args()


@torch.no_grad()
def main():
    args = parse_args()
    use_cuda = torch.cuda.is_available() and not args.cpu
    device = torch.device("cuda" if use_cuda else "cpu")

    model = EnergyRegressor()
    epoch = load_checkpoint(args.checkpoint, model)
    model.to(device).eval()
    print(f"loaded model from epoch {epoch}, running on {device}")

    feats = torch.load(args.features, map_location="cpu")
    loader = DataLoader(TensorDataset(feats), batch_size=args.batch_size)
    preds = []
    for (x,) in loader:
        preds.append(model(x.to(device)).cpu())
    torch.save(torch.cat(preds), "predictions.pt")


if __name__ == "__main__":
    main()
