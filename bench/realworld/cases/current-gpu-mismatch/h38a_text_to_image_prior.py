# source: https://github.com/LAION-AI/dalle2-laion/issues/27
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, top-level
# bug-lines: 44, 67
# needs: torch
# cpu: no written where torch was not installed; not run
import json
import sys

import torch
import torch.nn as nn

DEFAULT_CONFIG = {"devices": "cuda:1", "text_dim": 512, "image_dim": 768}


class TextEncoder(nn.Module):
    def __init__(self, vocab=49408, dim=512):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)

    def forward(self, ids):
        return self.tok(ids).mean(dim=1)


class DiffusionPrior(nn.Module):
    def __init__(self, text_dim, image_dim):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(text_dim, 1024), nn.GELU(), nn.Linear(1024, image_dim))

    def forward(self, text_emb):
        return self.net(text_emb)


def load_config(path=None):
    if path is None:
        return dict(DEFAULT_CONFIG)
    with open(path) as fh:
        return json.load(fh)


def load_prior(cfg):
    prior = DiffusionPrior(cfg["text_dim"], cfg["image_dim"])
    prior = prior.cuda()
    return prior.eval()


def load_text_encoder(cfg, device):
    return TextEncoder(dim=cfg["text_dim"]).to(device).eval()


def tokenize(prompts, length=77):
    ids = torch.zeros(len(prompts), length, dtype=torch.long)
    for i, p in enumerate(prompts):
        codes = [ord(c) % 49408 for c in p[:length]]
        ids[i, : len(codes)] = torch.tensor(codes)
    return ids


def main():
    cfg = load_config(sys.argv[1] if len(sys.argv) > 1 else None)
    device = torch.device(cfg["devices"])
    text_encoder = load_text_encoder(cfg, device)
    prior = load_prior(cfg)
    with torch.no_grad():
        text_emb = text_encoder(tokenize(["a red fox in the snow"]).to(device))
        image_emb = prior(text_emb)
    print(image_emb.shape, image_emb.device)


if __name__ == "__main__":
    main()
