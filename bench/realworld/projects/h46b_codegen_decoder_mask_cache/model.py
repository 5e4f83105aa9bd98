# source: https://github.com/pytorch/text/pull/1977
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 42, 43
# needs: torch
# cpu: no written where torch was not installed; not run
"""Docstring-to-code encoder/decoder (T5-style, shared embeddings)."""
import math

import torch
import torch.nn as nn

from masks import CausalMaskCache, padding_mask


class CodeGenSeq2Seq(nn.Module):
    def __init__(self, vocab_size, d_model=512, nhead=8, num_layers=6, pad_id=0):
        super().__init__()
        self.pad_id = pad_id
        self.d_model = d_model
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=pad_id)
        self.pos = nn.Embedding(1024, d_model)
        self.encoder = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(d_model, nhead, batch_first=True), num_layers)
        self.decoder = nn.TransformerDecoder(
            nn.TransformerDecoderLayer(d_model, nhead, batch_first=True), num_layers)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.lm_head.weight = self.embed.weight
        self.masks = CausalMaskCache()

    def _embed(self, ids):
        positions = torch.arange(ids.size(1), device=ids.device).unsqueeze(0)
        return self.embed(ids) * math.sqrt(self.d_model) + self.pos(positions)

    def encode(self, src_ids):
        src_pad = padding_mask(src_ids, self.pad_id)
        return self.encoder(self._embed(src_ids), src_key_padding_mask=src_pad), src_pad

    def decode(self, tgt_ids, memory, memory_pad):
        tgt_len = tgt_ids.size(1)
        tgt_mask = self.masks.get(tgt_len)
        hidden = self.decoder(
            self._embed(tgt_ids), memory,
            tgt_mask=tgt_mask,
            tgt_key_padding_mask=padding_mask(tgt_ids, self.pad_id),
            memory_key_padding_mask=memory_pad,
        )
        return self.lm_head(hidden)

    def forward(self, src_ids, tgt_ids):
        memory, memory_pad = self.encode(src_ids)
        return self.decode(tgt_ids, memory, memory_pad)
