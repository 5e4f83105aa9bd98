# An LSTM takes its starting state as a tuple (h0, c0): each member made on the CPU
# fails next to inputs on the GPU ('Input and hidden tensors are not at the same
# device'), whether the tuple is written at the call or kept in a name. The line to
# change is the factory: the state is made, not loaded, so it is made on the device.
import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self, vocab, dim=32, layers=2):
        super().__init__()
        self.dim, self.layers = dim, layers
        self.embed = nn.Embedding(vocab, dim)
        self.rnn = nn.LSTM(dim, dim, num_layers=layers, batch_first=True)

    def zero_state(self, batch):
        h = torch.zeros(self.layers, batch, self.dim)  # expect: TL204:13 lines=23,44
        c = torch.zeros(self.layers, batch, self.dim)  # expect: TL204:13 lines=23,44
        return h, c

    def forward(self, ids):
        h, c = self.zero_state(ids.size(0))
        out, _ = self.rnn(self.embed(ids), (h, c))
        return out


class Decoder(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.dim = dim
        self.cell = nn.LSTM(dim, dim, batch_first=True)

    def begin(self, batch):
        return (torch.zeros(1, batch, self.dim), torch.zeros(1, batch, self.dim))  # expect: TL204:17 lines=38,45; TL204:50 lines=38,45

    def forward(self, steps):
        state = self.begin(steps.size(0))
        out, state = self.cell(steps, state)
        return out


def run(ids, steps):
    device = torch.device("cuda")
    tagger = Tagger(100).to(device)
    decoder = Decoder().to(device)
    return tagger(ids.to(device)), decoder(steps.to(device))


# A GRU cell's state made by a trainer's helper and handed to the model whose forward
# gives it to the cell: the helper's factory is the line to change.
class Speller(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.step = nn.GRUCell(dim, dim)

    def forward(self, x, state):
        return self.step(x, hx=state)


class Runner:
    def __init__(self, device):
        self.device = device
        self.net = Speller().to(device)

    def first_state(self, n):
        return torch.zeros(n, 16)  # expect: TL204:16 lines=70,57,63

    def run(self, x):
        x = x.to(self.device)
        return self.net(x, self.first_state(x.size(0)))
