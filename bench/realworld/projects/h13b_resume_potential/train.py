# source: https://github.com/lanl/hippynn/pull/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 50, 51
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from checkpoint import restore_checkpoint, save_checkpoint
from network import AtomicEnergyNet


def load_database(path):
    arrays = np.load(path)
    species = torch.from_numpy(arrays["Z"]).long()
    coords = torch.from_numpy(arrays["R"]).float()
    energies = torch.from_numpy(arrays["T"]).float()
    return TensorDataset(species, coords, energies)


def train_epoch(model, loader, optimizer, device):
    model.train()
    total = 0.0
    for species, coords, energy in loader:
        species, coords, energy = species.to(device), coords.to(device), energy.to(device)
        loss = torch.nn.functional.mse_loss(model(species, coords), energy)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(energy)
    return total / len(loader.dataset)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="data/ani_subset.npz")
    parser.add_argument("--workdir", default="runs/energy_net")
    parser.add_argument("--epochs", type=int, default=200)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = AtomicEnergyNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=10)
    start_epoch, best = restore_checkpoint(args.workdir, model, optimizer, scheduler)
    model.to(device)

    loader = DataLoader(load_database(args.database), batch_size=64, shuffle=True)
    for epoch in range(start_epoch, args.epochs):
        loss = train_epoch(model, loader, optimizer, device)
        scheduler.step(loss)
        best = min(best, loss)
        save_checkpoint(args.workdir, model, optimizer, scheduler, epoch, best)
        print(f"epoch {epoch}: mse {loss:.5f}")


if __name__ == "__main__":
    main()
