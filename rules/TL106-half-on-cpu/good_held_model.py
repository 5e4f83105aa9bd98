# The encoder is moved to the GPU before the index embeds its corpus with it.
import torch
from torch import nn


def load_encoder(path):
    encoder = nn.Sequential(nn.Linear(128, 256), nn.GELU(), nn.Linear(256, 64))
    encoder.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return encoder.half()


class Index:
    def __init__(self, path, corpus):
        self.corpus = corpus
        self.encoder = load_encoder(path)
        self.encoder.to("cuda")
        self.keys = self.embed_corpus()

    @torch.no_grad()
    def embed_corpus(self):
        keys = [self.encoder(batch.half().cuda()) for batch in self.corpus]
        return torch.cat(keys)
