# source: https://github.com/kan-bayashi/ParallelWaveGAN/issues/223
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: loader-loop, multi-file
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Train a small waveform generator on (mel, wav) pairs with STFT loss."""

import argparse
import glob
import os

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from stft_loss import MultiResolutionSTFTLoss
from generator import MelGANGenerator


class MelWavDataset(Dataset):
    def __init__(self, dump_dir, segment=8192, hop=256):
        self.items = sorted(glob.glob(os.path.join(dump_dir, "*-wave.npy")))
        self.segment = segment
        self.hop = hop

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        wav = np.load(self.items[idx]).astype(np.float32)
        mel = np.load(self.items[idx].replace("-wave", "-feats")).astype(np.float32)
        frames = self.segment // self.hop
        start = np.random.randint(0, max(1, mel.shape[0] - frames))
        mel = mel[start:start + frames]
        wav = wav[start * self.hop:(start + frames) * self.hop]
        return torch.from_numpy(mel.T), torch.from_numpy(wav)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dumpdir", required=True)
    parser.add_argument("--steps", type=int, default=100000)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(MelWavDataset(args.dumpdir), batch_size=16,
                        shuffle=True, num_workers=4, drop_last=True)
    generator = MelGANGenerator(in_channels=80).to(device)
    criterion = MultiResolutionSTFTLoss().to(device)
    optimizer = torch.optim.Adam(generator.parameters(), lr=1e-4)

    step = 0
    while step < args.steps:
        for mel, wav in loader:
            mel, wav = mel.to(device), wav.to(device)
            wav_hat = generator(mel).squeeze(1)
            sc_loss, mag_loss = criterion(wav_hat, wav)
            loss = sc_loss + mag_loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step % 1000 == 0:
                print(f"step {step}: sc={sc_loss.item():.4f} mag={mag_loss.item():.4f}")


if __name__ == "__main__":
    main()
