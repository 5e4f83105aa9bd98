# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/252
# error: TypeError: Broadcast function not implemented for CPU tensors
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader, Dataset

from pix2pix_model import Pix2PixModel


class AlignedPairs(Dataset):
    def __init__(self, n_items=200, size=128):
        self.n_items, self.size = n_items, size

    def __len__(self):
        return self.n_items

    def __getitem__(self, idx):
        return {"A": torch.rand(3, self.size, self.size) * 2 - 1,
                "B": torch.rand(3, self.size, self.size) * 2 - 1}


def parse_opt():
    p = argparse.ArgumentParser()
    p.add_argument("--gpu_ids", type=str, default="0,1")
    p.add_argument("--batch_size", type=int, default=4)
    p.add_argument("--n_epochs", type=int, default=5)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--lambda_L1", type=float, default=100.0)
    opt = p.parse_args()
    opt.gpu_ids = [int(i) for i in opt.gpu_ids.split(",") if int(i) >= 0]
    opt.input_nc, opt.output_nc, opt.ngf, opt.ndf = 3, 3, 64, 64
    return opt


if __name__ == "__main__":
    opt = parse_opt()
    loader = DataLoader(AlignedPairs(), batch_size=opt.batch_size, shuffle=True, num_workers=2)
    model = Pix2PixModel(opt)
    for epoch in range(opt.n_epochs):
        for i, data in enumerate(loader):
            model.set_input(data)
            loss_G = model.optimize_parameters()
            if i % 20 == 0:
                print(f"epoch {epoch} iter {i}: G loss {loss_G:.3f}")
