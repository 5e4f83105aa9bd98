# An LSTM takes its starting state as a tuple (h0, c0): each member made on the CPU
# fails next to inputs on the GPU ('Input and hidden tensors are not at the same
# device'), whether the tuple is written at the call or kept in a name.
import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self, vocab, dim=32, layers=2):
        super().__init__()
        self.dim, self.layers = dim, layers
        self.embed = nn.Embedding(vocab, dim)
        self.rnn = nn.LSTM(dim, dim, num_layers=layers, batch_first=True)

    def zero_state(self, batch):
        h = torch.zeros(self.layers, batch, self.dim)
        c = torch.zeros(self.layers, batch, self.dim)
        return h, c

    def forward(self, ids):
        h, c = self.zero_state(ids.size(0))
        out, _ = self.rnn(self.embed(ids), (h, c))  # expect: TL204:45 lines=16,43; TL204:48 lines=17,43
        return out


class Decoder(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.dim = dim
        self.cell = nn.LSTM(dim, dim, batch_first=True)

    def begin(self, batch):
        return (torch.zeros(1, batch, self.dim), torch.zeros(1, batch, self.dim))

    def forward(self, steps):
        state = self.begin(steps.size(0))
        out, state = self.cell(steps, state)  # expect: TL204:39 lines=33,44
        return out


def run(ids, steps):
    device = torch.device("cuda")
    tagger = Tagger(100).to(device)
    decoder = Decoder().to(device)
    return tagger(ids.to(device)), decoder(steps.to(device))
