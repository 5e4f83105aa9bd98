# The decoder part of a placed model, handed to a search object: its `step` method
# runs the part's layers, on the model's device, with the CPU tokens the search made.
import torch
from torch import nn


class Decoder(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.embedding = nn.Embedding(vocab, 16)
        self.out = nn.Linear(16, vocab)

    def step(self, tokens):
        return self.out(self.embedding(tokens)).log_softmax(-1)


class Seq2Seq(nn.Module):
    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder


class GreedySearch:
    def __init__(self, decoder, steps=10):
        self.decoder = decoder
        self.steps = steps

    @torch.no_grad()
    def __call__(self, batch_size, sos_id):
        tokens = torch.full((batch_size, 1), sos_id, dtype=torch.long)
        out = []
        for _ in range(self.steps):
            tokens = self.decoder.step(tokens).argmax(-1)  # expect: TL204:40 lines=30,14,39
            out.append(tokens)
        return torch.cat(out, dim=1)


def translate(device):
    model = Seq2Seq(Decoder(100)).to(device)
    search = GreedySearch(model.decoder)
    return search(4, sos_id=1)
