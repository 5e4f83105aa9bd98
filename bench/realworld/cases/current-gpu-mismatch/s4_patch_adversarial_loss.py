# source: https://github.com/Project-MONAI/GenerativeModels/pull/371
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, loader-loop
# bug-lines: 26, 31, 42, 45
# cpu: clean
# needs: torch

import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class PatchAdversarialLoss(nn.Module):
    def __init__(self, criterion="least_squares", real_label=1.0, fake_label=0.0):
        super().__init__()
        self.criterion = criterion
        self.real_label = real_label
        self.fake_label = fake_label

    def get_target_tensor(self, input, target_is_real):
        filling_label = self.real_label if target_is_real else self.fake_label
        label_tensor = torch.tensor(1).fill_(filling_label).type(input.type())
        label_tensor.requires_grad_(False)
        return label_tensor.expand_as(input)

    def get_zero_tensor(self, input):
        zero_label_tensor = torch.tensor(0).type(input[0].type())
        zero_label_tensor.requires_grad_(False)
        return zero_label_tensor.expand_as(input)

    def forward(self, input, target_is_real, for_discriminator):
        outputs = input if isinstance(input, list) else [input]
        losses = []
        for disc_out in outputs:
            if self.criterion == "hinge" and for_discriminator:
                sign = -1 if target_is_real else 1
                zero = self.get_zero_tensor(disc_out)
                losses.append(-torch.mean(torch.min(sign * disc_out - 1, zero)))
            else:
                target = self.get_target_tensor(disc_out, target_is_real)
                losses.append(F.mse_loss(disc_out, target))
        return torch.stack(losses).mean()


def patch_discriminator():
    return nn.Sequential(nn.Conv2d(1, 8, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(8, 1, 4, 1, 1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--criterion", default="hinge")
    args = parser.parse_args()
    use_gpu = torch.cuda.is_available() and torch.cuda.device_count() > args.gpu
    device = torch.device(f"cuda:{args.gpu}" if use_gpu else "cpu")

    disc = patch_discriminator().to(device)
    adv_loss = PatchAdversarialLoss(criterion=args.criterion)
    opt = torch.optim.Adam(disc.parameters(), lr=2e-4)
    loader = DataLoader(TensorDataset(torch.rand(32, 1, 32, 32)), batch_size=8)
    for (real,) in loader:
        real = real.to(device)
        fake = torch.rand_like(real)
        loss_d = 0.5 * (adv_loss(disc(real), True, True) + adv_loss(disc(fake), False, True))
        opt.zero_grad()
        loss_d.backward()
        opt.step()
    print("discriminator loss", loss_d.item())


if __name__ == "__main__":
    main()
