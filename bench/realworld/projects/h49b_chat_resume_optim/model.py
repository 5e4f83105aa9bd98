# source: https://github.com/pytorch/pytorch/pull/3463
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""GRU encoder-decoder chatbot with dot attention."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Seq2SeqChatbot(nn.Module):
    def __init__(self, vocab_size, hidden=512, layers=2, dropout=0.1, pad_id=0):
        super().__init__()
        self.pad_id = pad_id
        self.embedding = nn.Embedding(vocab_size, hidden, padding_idx=pad_id)
        self.encoder = nn.GRU(hidden, hidden, layers, dropout=dropout, bidirectional=True, batch_first=True)
        self.bridge = nn.Linear(2 * hidden, hidden)
        self.decoder = nn.GRU(hidden, hidden, layers, dropout=dropout, batch_first=True)
        self.concat = nn.Linear(2 * hidden, hidden)
        self.out = nn.Linear(hidden, vocab_size)

    def forward(self, query, reply_in):
        enc, h = self.encoder(self.embedding(query))
        enc = self.bridge(enc)
        h = h.view(self.decoder.num_layers, 2, *h.shape[1:]).sum(1)
        dec, _ = self.decoder(self.embedding(reply_in), h.contiguous())
        scores = dec @ enc.transpose(1, 2)
        scores = scores.masked_fill((query == self.pad_id).unsqueeze(1), float("-inf"))
        context = torch.softmax(scores, dim=-1) @ enc
        return self.out(torch.tanh(self.concat(torch.cat([dec, context], dim=-1))))

    def loss(self, query, reply_in, reply_out):
        logits = self.forward(query, reply_in)
        return F.cross_entropy(logits.flatten(0, 1), reply_out.flatten(), ignore_index=self.pad_id)
