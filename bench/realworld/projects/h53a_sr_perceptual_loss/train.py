# source: https://github.com/NVlabs/MUNIT/issues/33
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file, batch-dict, loader-loop
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from trainer import SRTrainer

HP = {"bands": 4, "scale": 4, "lr": 1e-4, "vgg_w": 0.006, "batch_size": 16, "max_iter": 500_000}


class WorldStratPairs(Dataset):
    """Co-registered Sentinel-2 (10 m) / SPOT (2.5 m) patches stored as .npz, scaled to [-1, 1]."""

    def __init__(self, root):
        self.files = sorted(glob.glob(f"{root}/*.npz"))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        pair = np.load(self.files[i])
        return {"lr": torch.from_numpy(pair["lr"].astype(np.float32)),
                "hr": torch.from_numpy(pair["hr"].astype(np.float32))}


def main():
    device = torch.device("cuda")
    trainer = SRTrainer(HP).to(device)
    loader = DataLoader(WorldStratPairs("data/worldstrat/train"), batch_size=HP["batch_size"],
                        shuffle=True, num_workers=8, drop_last=True, pin_memory=True)
    iterations = 0
    while iterations < HP["max_iter"]:
        for batch in loader:
            lr, hr = batch["lr"].to(device), batch["hr"].to(device)
            trainer.gen_update(lr, hr, HP)
            iterations += 1
            if iterations % 1000 == 0:
                print(f"iter {iterations}: l1 {trainer.loss_pix.item():.4f} vgg {float(trainer.loss_vgg):.4f}")
                torch.save(trainer.gen.state_dict(), f"checkpoints/gen_{iterations:08d}.pt")


if __name__ == "__main__":
    main()
