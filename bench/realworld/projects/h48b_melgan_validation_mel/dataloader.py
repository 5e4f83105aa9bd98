# source: https://github.com/seungwonpark/melgan/issues/70
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import glob
import os
import random

import numpy as np
import torch
import torch.nn.functional as F
from scipy.io.wavfile import read
from torch.utils.data import DataLoader, Dataset


def create_dataloader(hp, train):
    dataset = MelFromDisk(hp, train)
    if train:
        return DataLoader(dataset, batch_size=hp.train.batch_size, shuffle=True,
                          num_workers=hp.train.num_workers, pin_memory=True, drop_last=True)
    return DataLoader(dataset, batch_size=1, shuffle=False, num_workers=0)


class MelFromDisk(Dataset):
    """Pairs of (log-mel, waveform); mels were precomputed next to each wav as .mel files."""

    def __init__(self, hp, train):
        self.hp = hp
        self.train = train
        root = hp.data.train if train else hp.data.validation
        self.wav_list = sorted(glob.glob(os.path.join(root, "**", "*.wav"), recursive=True))
        self.mel_segment_length = hp.audio.segment_length // hp.audio.hop_length + 2

    def __len__(self):
        return len(self.wav_list)

    def __getitem__(self, idx):
        wavpath = self.wav_list[idx]
        sr, audio = read(wavpath)
        audio = torch.from_numpy(audio.astype(np.float32) / 32768.0).unsqueeze(0)
        mel = torch.load(wavpath.replace(".wav", ".mel")).squeeze(0)

        if self.train:
            start = random.randint(0, max(0, mel.size(1) - self.mel_segment_length))
            mel = mel[:, start:start + self.mel_segment_length]
            offset = start * self.hp.audio.hop_length
            audio = audio[:, offset:offset + self.hp.audio.segment_length]
            audio = F.pad(audio, (0, self.hp.audio.segment_length - audio.size(1)))
        return mel, audio
