# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/397
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, loader-loop, batch-dict
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
"""Unpaired horse2zebra training driver."""
import argparse
import random
from pathlib import Path

from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

from cycle_gan_model import CycleGANModel


class UnalignedDataset(Dataset):
    def __init__(self, root, size=256):
        self.A = sorted(Path(root, "trainA").glob("*.jpg"))
        self.B = sorted(Path(root, "trainB").glob("*.jpg"))
        self.tf = transforms.Compose([transforms.Resize(286), transforms.RandomCrop(size),
                                      transforms.RandomHorizontalFlip(), transforms.ToTensor(),
                                      transforms.Normalize([0.5] * 3, [0.5] * 3)])

    def __len__(self):
        return max(len(self.A), len(self.B))

    def __getitem__(self, i):
        a = Image.open(self.A[i % len(self.A)]).convert("RGB")
        b = Image.open(random.choice(self.B)).convert("RGB")
        return {"A": self.tf(a), "B": self.tf(b)}


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--dataroot", default="./datasets/horse2zebra")
    p.add_argument("--gpu_ids", type=lambda s: [int(x) for x in s.split(",") if int(x) >= 0], default=[0])
    p.add_argument("--ngf", type=int, default=64)
    p.add_argument("--ndf", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--lambda_cyc", type=float, default=10.0)
    p.add_argument("--epochs", type=int, default=200)
    opt = p.parse_args()

    loader = DataLoader(UnalignedDataset(opt.dataroot), batch_size=1, shuffle=True, num_workers=4)
    model = CycleGANModel(opt)
    for epoch in range(opt.epochs):
        for i, data in enumerate(loader):
            model.set_input(data)
            loss_G, loss_D = model.optimize_parameters()
            if i % 100 == 0:
                print(f"epoch {epoch} iter {i} G {loss_G:.3f} D {loss_D:.3f}")
