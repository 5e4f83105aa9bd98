# source: https://github.com/jik876/hifi-gan/issues/44
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: input-dtype-mismatch
# shape: class, loader-loop, batch-dict
# bug-lines: 30, 69
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Fine-tune a HiFi-GAN style generator on teacher-forced Tacotron2 mels."""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

HOP = 256
SEGMENT_FRAMES = 32


class FinetuneMelDataset(Dataset):
    def __init__(self, mel_dir, wav_dir):
        self.names = sorted(os.path.splitext(f)[0] for f in os.listdir(mel_dir))
        self.mel_dir, self.wav_dir = mel_dir, wav_dir
        self.cache = {}

    def _mel(self, name):
        if name not in self.cache:
            # keep the cache small: Tacotron2 GTA mels are stored at half precision
            mel = np.load(os.path.join(self.mel_dir, name + ".npy")).astype(np.float16)
            self.cache[name] = torch.from_numpy(mel)
        return self.cache[name]

    def __len__(self):
        return len(self.names)

    def __getitem__(self, idx):
        name = self.names[idx]
        mel = self._mel(name)[:, :SEGMENT_FRAMES]
        audio = torch.from_numpy(np.load(os.path.join(self.wav_dir, name + ".npy")).astype(np.float32))
        return {"mel": mel, "audio": audio[: SEGMENT_FRAMES * HOP].unsqueeze(0)}


class Generator(nn.Module):
    def __init__(self, n_mels=80, ch=128):
        super().__init__()
        self.conv_pre = nn.Conv1d(n_mels, ch, 7, padding=3)
        self.ups = nn.ModuleList(
            [nn.ConvTranspose1d(ch // 2 ** i, ch // 2 ** (i + 1), 16, 8, padding=4) for i in range(2)]
            + [nn.ConvTranspose1d(ch // 4, ch // 8, 8, 4, padding=2)]
        )
        self.conv_post = nn.Conv1d(ch // 8, 1, 7, padding=3)

    def forward(self, x):
        x = self.conv_pre(x)
        for up in self.ups:
            x = up(F.leaky_relu(x, 0.1))
        return torch.tanh(self.conv_post(F.leaky_relu(x)))


def finetune(mel_dir, wav_dir, device=torch.device("cuda"), steps=1000):
    generator = Generator().to(device)
    optim_g = torch.optim.AdamW(generator.parameters(), 2e-4, betas=(0.8, 0.99))
    loader = DataLoader(FinetuneMelDataset(mel_dir, wav_dir), batch_size=16, shuffle=True, drop_last=True)
    step = 0
    while step < steps:
        for batch in loader:
            x, y = batch["mel"].to(device), batch["audio"].to(device)
            y_g_hat = generator(x)
            loss = F.l1_loss(y_g_hat, y)
            optim_g.zero_grad()
            loss.backward()
            optim_g.step()
            step += 1


if __name__ == "__main__":
    finetune("ft_dataset/mels", "ft_dataset/wavs")
