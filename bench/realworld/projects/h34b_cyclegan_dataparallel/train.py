# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/254
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader

from cycle_gan_model import CycleGANModel
from unaligned_dataset import UnalignedDataset


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataroot", default="./datasets/horse2zebra")
    parser.add_argument("--gpu_ids", default="0,1")
    parser.add_argument("--batch_size", type=int, default=4)
    parser.add_argument("--n_epochs", type=int, default=200)
    opt = parser.parse_args()
    gpu_ids = [int(g) for g in opt.gpu_ids.split(",") if int(g) >= 0]
    if gpu_ids:
        torch.cuda.set_device(gpu_ids[0])

    loader = DataLoader(UnalignedDataset(opt.dataroot, phase="train"), batch_size=opt.batch_size,
                        shuffle=True, num_workers=4)
    model = CycleGANModel(gpu_ids=gpu_ids)
    for epoch in range(1, opt.n_epochs + 1):
        for i, data in enumerate(loader):
            model.set_input(data)
            model.optimize_parameters()
        print(f"End of epoch {epoch} / {opt.n_epochs}")


if __name__ == "__main__":
    main()
