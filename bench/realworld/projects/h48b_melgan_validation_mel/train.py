# source: https://github.com/seungwonpark/melgan/issues/70
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# needs: torch, omegaconf, tensorboard
# cpu: no written where torch was not installed; not run
import argparse
import itertools
import os

import torch
from omegaconf import OmegaConf
from torch.utils.tensorboard import SummaryWriter

from dataloader import create_dataloader
from model import Generator, MultiScaleDiscriminator
from validation import adversarial_losses, validate


def train(hp, chkpt_dir, writer):
    model_g = Generator(hp.audio.n_mel_channels).cuda()
    model_d = MultiScaleDiscriminator().cuda()
    optim_g = torch.optim.Adam(model_g.parameters(), lr=hp.train.adam.lr, betas=(0.5, 0.9))
    optim_d = torch.optim.Adam(model_d.parameters(), lr=hp.train.adam.lr, betas=(0.5, 0.9))

    trainloader = create_dataloader(hp, train=True)
    valloader = create_dataloader(hp, train=False)

    step = 0
    for epoch in itertools.count():
        for mel, audio in trainloader:
            mel, audio = mel.cuda(), audio.cuda()

            fake_audio = model_g(mel)[:, :, :hp.audio.segment_length]
            loss_g, _ = adversarial_losses(model_d(fake_audio), model_d(audio), hp.model.feat_match)
            optim_g.zero_grad()
            loss_g.backward()
            optim_g.step()

            _, loss_d = adversarial_losses(model_d(fake_audio.detach()), model_d(audio), 0.0)
            optim_d.zero_grad()
            loss_d.backward()
            optim_d.step()

            step += 1
            if step % hp.log.summary_interval == 0:
                writer.add_scalar("train/loss_g", loss_g.item(), step)
                writer.add_scalar("train/loss_d", loss_d.item(), step)

        if epoch % hp.log.validation_interval == 0:
            validate(hp, model_g, model_d, valloader, writer, step)
        if epoch % hp.log.save_interval == 0:
            torch.save({"model_g": model_g.state_dict(), "model_d": model_d.state_dict(), "step": step},
                       os.path.join(chkpt_dir, f"melgan_{epoch:04d}.pt"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-n", "--name", required=True)
    args = parser.parse_args()

    hp = OmegaConf.load(args.config)
    chkpt_dir = os.path.join(hp.log.chkpt_dir, args.name)
    os.makedirs(chkpt_dir, exist_ok=True)
    train(hp, chkpt_dir, SummaryWriter(os.path.join(hp.log.log_dir, args.name)))
