# source: https://github.com/artetxem/undreamt/issues/14
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class WordLM(nn.Module):
    """Small LSTM language model used for the perplexity-tracking experiments."""

    def __init__(self, vocab_size, emb_dim=256, hidden=512, layers=2, dropout=0.2, pad_id=0):
        super().__init__()
        self.pad_id = pad_id
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_id)
        self.rnn = nn.LSTM(emb_dim, hidden, num_layers=layers, dropout=dropout, batch_first=True)
        self.proj = nn.Linear(hidden, vocab_size)

    def forward(self, tokens, state=None):
        out, state = self.rnn(self.embed(tokens), state)
        return self.proj(out), state
