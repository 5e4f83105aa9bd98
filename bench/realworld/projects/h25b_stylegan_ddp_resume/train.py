# source: https://github.com/rosinality/stylegan2-pytorch/issues/36 https://github.com/rosinality/stylegan2-pytorch/pull/31
# error: torch.cuda.OutOfMemoryError: CUDA out of memory (every rank deserializes the checkpoint onto cuda:0, the device it was saved from)
# pattern: torch-load-map-location
# shape: helper, multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Launch with torchrun --nproc_per_node=4 train.py --data ffhq64/ --ckpt_dir checkpoints/"""
import argparse
import copy
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn, optim
from torch.utils.data import DataLoader, DistributedSampler
from torchvision import datasets, transforms

from checkpoint import latest_checkpoint, restore_checkpoint, save_checkpoint
from networks import Discriminator, Generator


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--ckpt_dir", default="checkpoints")  # must already exist
    parser.add_argument("--latent", type=int, default=512)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()

    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    dist.init_process_group(backend="nccl")
    device = torch.device("cuda", local_rank)

    generator = Generator(args.latent).to(device)
    discriminator = Discriminator().to(device)
    g_ema = copy.deepcopy(generator).eval()
    g_optim = optim.Adam(generator.parameters(), lr=2e-4, betas=(0.0, 0.99))
    d_optim = optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.0, 0.99))

    start_epoch = 0
    last = latest_checkpoint(args.ckpt_dir)
    if last is not None:
        start_epoch = restore_checkpoint(last, generator, discriminator, g_ema, g_optim, d_optim)

    g_ddp = nn.parallel.DistributedDataParallel(generator, device_ids=[local_rank])
    d_ddp = nn.parallel.DistributedDataParallel(discriminator, device_ids=[local_rank])

    tfm = transforms.Compose([transforms.Resize(64), transforms.CenterCrop(64), transforms.ToTensor()])
    dataset = datasets.ImageFolder(args.data, transform=tfm)
    sampler = DistributedSampler(dataset, shuffle=True)
    loader = DataLoader(dataset, batch_size=args.batch, sampler=sampler, num_workers=4, drop_last=True)

    for epoch in range(start_epoch, args.epochs):
        sampler.set_epoch(epoch)
        for real, _ in loader:
            real = real.to(device, non_blocking=True) * 2 - 1
            noise = torch.randn(real.size(0), args.latent, device=device)
            fake = g_ddp(noise)
            d_loss = F.softplus(d_ddp(fake.detach())).mean() + F.softplus(-d_ddp(real)).mean()
            d_optim.zero_grad()
            d_loss.backward()
            d_optim.step()

            g_loss = F.softplus(-d_ddp(fake)).mean()
            g_optim.zero_grad()
            g_loss.backward()
            g_optim.step()

        g_ema.load_state_dict(generator.state_dict())

        if local_rank == 0:
            save_checkpoint(os.path.join(args.ckpt_dir, f"{epoch:04d}.pt"), epoch,
                            generator, discriminator, g_ema, g_optim, d_optim)


if __name__ == "__main__":
    main()
