# source: https://github.com/OpenNMT/OpenNMT-py/pull/240
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# cpu: clean
# needs: torch

import torch.nn as nn

from modules import DecoderLayer


class TransformerDecoder(nn.Module):
    def __init__(self, vocab_size, d_model=64, heads=4, d_ff=128, layers=2, pad_idx=0):
        super().__init__()
        self.pad_idx = pad_idx
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=pad_idx)
        self.layers = nn.ModuleList(DecoderLayer(d_model, heads, d_ff) for _ in range(layers))
        self.generator = nn.Linear(d_model, vocab_size)

    def forward(self, tgt, memory, src_pad_mask):
        tgt_pad_mask = (tgt == self.pad_idx).unsqueeze(1)
        x = self.embed(tgt)
        for layer in self.layers:
            x = layer(x, memory, src_pad_mask, tgt_pad_mask)
        return self.generator(x)
