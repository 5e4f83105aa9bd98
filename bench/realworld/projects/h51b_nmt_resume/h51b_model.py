# source: https://github.com/allenai/allennlp/issues/1175
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small encoder-decoder Transformer for de->en translation."""
import math

import torch
import torch.nn as nn


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        pos = torch.arange(max_len).unsqueeze(1)
        div = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("pe", pe)

    def forward(self, x):
        return x + self.pe[: x.size(1)]


class Seq2SeqTransformer(nn.Module):
    def __init__(self, src_vocab, tgt_vocab, d_model=512, nhead=8, layers=6, pad_idx=1):
        super().__init__()
        self.src_emb = nn.Embedding(src_vocab, d_model, padding_idx=pad_idx)
        self.tgt_emb = nn.Embedding(tgt_vocab, d_model, padding_idx=pad_idx)
        self.pos = PositionalEncoding(d_model)
        self.core = nn.Transformer(d_model, nhead, layers, layers, batch_first=True)
        self.generator = nn.Linear(d_model, tgt_vocab)
        self.pad_idx = pad_idx

    def forward(self, src, tgt_in):
        causal = self.core.generate_square_subsequent_mask(tgt_in.size(1)).to(src.device)
        out = self.core(
            self.pos(self.src_emb(src)),
            self.pos(self.tgt_emb(tgt_in)),
            tgt_mask=causal,
            src_key_padding_mask=src.eq(self.pad_idx),
            tgt_key_padding_mask=tgt_in.eq(self.pad_idx),
        )
        return self.generator(out)
