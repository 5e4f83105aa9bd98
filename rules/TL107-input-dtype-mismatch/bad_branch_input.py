import argparse

import torch
from torch import nn


class TextEncoder(nn.Module):
    def __init__(self, vocab=100, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.mlp = nn.Linear(dim, dim)

    def forward(self, ids):
        h = self.embed(ids)
        return self.mlp(h)


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
        # frozen: kept in half precision to save memory
        text_encoder.to(device, dtype=weight_dtype)
    else:
        text_encoder.to(device)
    denoiser.to(device)  # trained: float32
    for ids, sample in batches:
        context = text_encoder(ids.to(device))
        denoiser(sample.to(device), context)  # expect: TL107:37 lines=29,24


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--mixed_precision", default="fp16")
    parser.add_argument("--train_text_encoder", action="store_true")
    train(parser.parse_args(), [(torch.randint(0, 100, (2, 8)), torch.rand(2, 8))])
