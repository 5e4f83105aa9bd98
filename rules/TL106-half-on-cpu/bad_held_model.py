# A retrieval index holds its encoder as an attribute. The encoder is loaded on the
# CPU and cast to float16, and the index embeds its corpus with it before anything
# moves it: `self.encoder(batch)` computes in half precision on the CPU.
import torch
from torch import nn


def load_encoder(path):
    encoder = nn.Sequential(nn.Linear(128, 256), nn.GELU(), nn.Linear(256, 64))
    encoder.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return encoder.half()  # expect: TL106:12 lines=9,23


class Index:
    def __init__(self, path, corpus):
        self.corpus = corpus
        self.encoder = load_encoder(path)
        self.keys = self.embed_corpus()
        self.encoder.to("cuda")

    @torch.no_grad()
    def embed_corpus(self):
        keys = [self.encoder(batch.half()) for batch in self.corpus]
        return torch.cat(keys)
