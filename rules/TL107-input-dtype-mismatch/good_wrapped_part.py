import argparse

import torch
from torch import nn


class SpeechEncoder(nn.Module):
    def __init__(self, n_mels=80, dim=256):
        super().__init__()
        self.conv = nn.Conv1d(n_mels, dim, 3, padding=1)
        self.proj = nn.Linear(dim, dim)

    def forward(self, mels):
        return self.proj(torch.relu(self.conv(mels)).transpose(1, 2))


class KeywordSpotter(nn.Module):
    # Keeps the encoder it is given; its head is its own, made in float32.
    def __init__(self, encoder, dim=256, n_keywords=12):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(dim, n_keywords)

    def forward(self, mels):
        states = self.encoder(mels)
        return self.head(states.mean(dim=1))


class UpcastingSpotter(KeywordSpotter):
    # The head takes the encoder's states in its own dtype, whatever the encoder's.
    def forward(self, mels):
        states = self.encoder(mels)
        return self.head(states.mean(dim=1).to(self.head.weight.dtype))


def load_encoder(fp16):
    encoder = SpeechEncoder()
    if fp16:
        encoder = encoder.half()
    return encoder


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fp16", action="store_true")
    return parser.parse_args()


def spot_whole_cast():
    args = parse_args()
    spotter = KeywordSpotter(load_encoder(args.fp16)).to("cuda")
    mels = torch.randn(4, 80, 100, device="cuda")
    if args.fp16:
        # The spotter cast as a whole: its head is float16 too.
        spotter = spotter.half()
        mels = mels.half()
    return spotter(mels).argmax(-1)


def spot_upcast():
    args = parse_args()
    spotter = UpcastingSpotter(load_encoder(args.fp16)).to("cuda")
    mels = torch.randn(4, 80, 100, device="cuda")
    if args.fp16:
        mels = mels.half()
    return spotter(mels).argmax(-1)


def spot_cast_before():
    # Cast as a whole right after it is built: every part float16, as the input.
    spotter = KeywordSpotter(SpeechEncoder().half()).half().to("cuda")
    mels = torch.randn(4, 80, 100, device="cuda", dtype=torch.float16)
    return spotter(mels).argmax(-1)
