import argparse

import torch
from torch import nn


class TextEncoder(nn.Module):
    def __init__(self, vocab=100, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.mlp = nn.Linear(dim, dim)

    def forward(self, ids):
        return self.mlp(self.embed(ids))


class Denoiser(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.to_k = nn.Linear(dim, 8)

    def forward(self, sample, context):
        return sample + self.to_k(context).mean(1)


def train(args, batches):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    weight_dtype = torch.float16 if args.mixed_precision == "fp16" else torch.float32
    text_encoder, denoiser = TextEncoder(), Denoiser()
    if not args.train_text_encoder:
        text_encoder.to(device, dtype=weight_dtype)
    else:
        text_encoder.to(device)
    denoiser.to(device)
    for ids, sample in batches:
        # The states are cast to the denoiser's dtype on every path.
        context = text_encoder(ids.to(device)).to(torch.float32)
        denoiser(sample.to(device), context)
        # Or the denoiser runs under autocast, which casts them itself.
        with torch.autocast("cuda", dtype=torch.float16):
            denoiser(sample.to(device), text_encoder(ids.to(device)))


def train_same_dtype(args, batches):
    # Both follow the option: the same dtype in every run.
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    weight_dtype = torch.float16 if args.mixed_precision == "fp16" else torch.float32
    text_encoder = TextEncoder().to(device, dtype=weight_dtype)
    denoiser = Denoiser().to(device, dtype=weight_dtype)
    for ids, sample in batches:
        denoiser(sample.to(device, dtype=weight_dtype), text_encoder(ids.to(device)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--mixed_precision", default="fp16")
    parser.add_argument("--train_text_encoder", action="store_true")
    args = parser.parse_args()
    batches = [(torch.randint(0, 100, (2, 8)), torch.rand(2, 8))]
    train(args, batches)
    train_same_dtype(args, batches)
