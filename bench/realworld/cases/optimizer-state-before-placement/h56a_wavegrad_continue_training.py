# source: https://github.com/mozilla/TTS/issues/622
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: loader-loop, helper
# bug-lines: 58, 64
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train (or continue training) a WaveGrad vocoder."""

import argparse
import json

import torch
from torch.utils.data import DataLoader

from vocoder.datasets import WaveGradDataset
from vocoder.models import WaveGrad


def setup_loader(config, is_val=False):
    dataset = WaveGradDataset(config["data_path"], hop_len=config["hop_length"],
                              seq_len=config["seq_len"], is_val=is_val)
    return DataLoader(dataset, batch_size=config["batch_size"], shuffle=not is_val,
                      num_workers=config["num_loader_workers"], pin_memory=True)


def train_epoch(model, criterion, optimizer, scheduler, loader, use_cuda, step):
    model.train()
    for mel, wav in loader:
        if use_cuda:
            mel, wav = mel.cuda(non_blocking=True), wav.cuda(non_blocking=True)
        noise, noisy_wav, noise_scale = model.compute_y_n(wav)
        noise_hat = model(noisy_wav, mel, noise_scale)
        loss = criterion(noise_hat, noise)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
        step += 1
    return step


def main(args):
    config = json.load(open(args.config_path))
    use_cuda = torch.cuda.is_available()

    model = WaveGrad(**config["model_params"])
    optimizer = torch.optim.Adam(model.parameters(), lr=config["lr"])
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, **config["lr_scheduler_params"])
    criterion = torch.nn.L1Loss()

    step = 0
    if args.restore_path:
        checkpoint = torch.load(args.restore_path, map_location="cpu")
        print(" > Restoring Model...")
        model.load_state_dict(checkpoint["model"])
        print(" > Restoring Optimizer...")
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler.load_state_dict(checkpoint["scheduler"])
        step = checkpoint["step"]

    model.compute_noise_level(**config["noise_schedule"])
    if use_cuda:
        model.cuda()
        criterion.cuda()

    train_loader = setup_loader(config)
    for epoch in range(config["epochs"]):
        step = train_epoch(model, criterion, optimizer, scheduler, train_loader, use_cuda, step)
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "step": step},
                   f"{args.output_path}/checkpoint_{step}.pth.tar")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config_path", required=True)
    parser.add_argument("--restore_path", default="")
    parser.add_argument("--output_path", default="./runs")
    main(parser.parse_args())
