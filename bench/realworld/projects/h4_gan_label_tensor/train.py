# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/22
# error: RuntimeError: Assertion `THCTensor_(checkGPU)(...)' failed. Some of weight/gradient/input tensors are located on different GPUs
# pattern: legacy-tensor-constructor
# shape: multi-file, loader-loop
# cpu: clean
# needs: torch
import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from gan_model import Pix2PixModel


def parse_options():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu_ids", type=str, default="1", help="e.g. 0  0,1,2  1  -1 for CPU")
    parser.add_argument("--input_nc", type=int, default=3)
    parser.add_argument("--output_nc", type=int, default=3)
    parser.add_argument("--no_lsgan", action="store_true")
    parser.add_argument("--lambda_A", type=float, default=10.0)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--epochs", type=int, default=1)
    opt = parser.parse_args()
    opt.gpu_ids = [int(s) for s in opt.gpu_ids.split(",") if int(s) >= 0]
    if not torch.cuda.is_available():
        opt.gpu_ids = []
    return opt


def main():
    opt = parse_options()
    pairs = TensorDataset(torch.rand(16, opt.input_nc, 32, 32), torch.rand(16, opt.output_nc, 32, 32))
    loader = DataLoader(pairs, batch_size=4, shuffle=True)

    model = Pix2PixModel().initialize(opt)
    for epoch in range(opt.epochs):
        for i, batch in enumerate(loader):
            model.set_input(batch)
            model.optimize_parameters()
        print(f"epoch {epoch}: D={model.loss_D.item():.3f} G={model.loss_G.item():.3f}")


if __name__ == "__main__":
    main()
