# source: https://github.com/LamUong/Generate-novel-molecules-with-LSTM/issues/1
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class SmilesGenerator(nn.Module):
    def __init__(self, vocab_size, hidden=512, layers=3, dropout=0.2):
        super().__init__()
        self.lstm = nn.LSTM(vocab_size, hidden, num_layers=layers, dropout=dropout, batch_first=True)
        self.out = nn.Linear(hidden, vocab_size)
        self.hidden = hidden
        self.layers = layers

    def init_state(self, batch_size):
        weight = next(self.parameters())
        h = weight.new_zeros(self.layers, batch_size, self.hidden)
        return h, h.clone()

    def forward(self, x, state=None):
        if state is None:
            state = self.init_state(x.size(0))
        out, state = self.lstm(x, state)
        return self.out(out), state
