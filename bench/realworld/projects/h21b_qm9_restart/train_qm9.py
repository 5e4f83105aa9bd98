# source: https://github.com/atomistic-machine-learning/schnetpack/issues/126
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: class, multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""python train_qm9.py --cuda ./qm9_model   (run twice: the second run restarts)"""
import argparse

import torch
from torch.utils.data import DataLoader, Dataset

from model import AtomwiseEnergy
from trainer import Trainer


class RandomMolecules(Dataset):
    def __init__(self, n=512, n_atoms=9):
        self.z = torch.randint(1, 10, (n, n_atoms))
        self.pos = torch.randn(n, n_atoms, 3)
        self.energy = torch.randn(n, 1)

    def __len__(self):
        return len(self.z)

    def __getitem__(self, i):
        return {"_atomic_numbers": self.z[i], "_positions": self.pos[i], "energy_U0": self.energy[i]}


def mse_loss(batch, result):
    return ((batch["energy_U0"] - result["energy_U0"]) ** 2).mean()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("modelpath")
    parser.add_argument("--cuda", action="store_true")
    parser.add_argument("--n_epochs", type=int, default=5)
    args = parser.parse_args()
    device = torch.device("cuda" if args.cuda else "cpu")

    model = AtomwiseEnergy()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loader = DataLoader(RandomMolecules(), batch_size=32, shuffle=True)
    trainer = Trainer(args.modelpath, model, mse_loss, optimizer, loader)
    trainer.train(device, n_epochs=args.n_epochs)
