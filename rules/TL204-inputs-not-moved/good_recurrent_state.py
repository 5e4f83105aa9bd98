# The starting state made where the inputs are (or left to the LSTM, which makes
# zeros on its own device): nothing to move.
import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self, vocab, dim=32, layers=2):
        super().__init__()
        self.dim, self.layers = dim, layers
        self.embed = nn.Embedding(vocab, dim)
        self.rnn = nn.LSTM(dim, dim, num_layers=layers, batch_first=True)

    def zero_state(self, ids):
        h = torch.zeros(self.layers, ids.size(0), self.dim, device=ids.device)
        return h, torch.zeros_like(h)

    def forward(self, ids):
        out, _ = self.rnn(self.embed(ids), self.zero_state(ids))
        return out


class Decoder(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.cell = nn.LSTM(dim, dim, batch_first=True)

    def forward(self, steps, state=None):
        out, state = self.cell(steps, state)
        return out, state


def run(ids, steps):
    device = torch.device("cuda")
    tagger = Tagger(100).to(device)
    decoder = Decoder().to(device)
    out, state = decoder(steps.to(device))
    return tagger(ids.to(device)), decoder(steps.to(device), tuple(s.detach() for s in state))
