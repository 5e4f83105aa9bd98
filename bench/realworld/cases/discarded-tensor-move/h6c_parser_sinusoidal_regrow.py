# source: https://github.com/stanfordnlp/stanza/pull/1002 https://github.com/stanfordnlp/stanza/issues/989
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: discarded-tensor-move
# shape: class, helper, loader-loop
# bug-lines: 29
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
from torch import nn


class SinusoidalEncoding(nn.Module):
    """Fixed sine/cosine position table that grows when a longer sentence shows up."""

    def __init__(self, model_dim, max_len):
        super().__init__()
        self.register_buffer("pe", self.build_position(model_dim, max_len))

    @staticmethod
    def build_position(model_dim, max_len, device=None):
        position = torch.arange(max_len).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, model_dim, 2) * (-math.log(10000.0) / model_dim))
        pe = torch.zeros(max_len, model_dim)
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        if device is not None:
            pe.to(device=device)
        return pe

    def forward(self, x):
        if max(x) >= self.pe.shape[0]:
            device, dim = self.pe.device, self.pe.shape[1]
            self.register_buffer("pe", None)  # drop the old table before allocating the new one
            self.register_buffer("pe", self.build_position(dim, max(x) + 1, device=device))
        return self.pe[x]


class ConcatSinusoidalEncoding(nn.Module):
    def __init__(self, d_model=64, max_len=512):
        super().__init__()
        self.encoding = SinusoidalEncoding(d_model, max_len)

    def forward(self, x):
        timing = self.encoding(torch.arange(x.shape[1], device=x.device))
        timing = timing.expand(x.shape[0], -1, -1)
        return torch.cat((x, timing), dim=-1)


class WordEncoder(nn.Module):
    def __init__(self, vocab_size, word_dim=128, pos_dim=64, hidden=256):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, word_dim)
        self.position = ConcatSinusoidalEncoding(pos_dim)
        self.lstm = nn.LSTM(word_dim + pos_dim, hidden, batch_first=True, bidirectional=True)

    def forward(self, word_ids):
        out, _ = self.lstm(self.position(self.embedding(word_ids)))
        return out


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = WordEncoder(vocab_size=50000).to(device).eval()
    documents = [torch.randint(0, 50000, (1, n)) for n in (12, 40, 230, 700, 35)]
    with torch.no_grad():
        for word_ids in documents:
            states = encoder(word_ids.to(device))
            print(word_ids.shape[1], tuple(states.shape))
