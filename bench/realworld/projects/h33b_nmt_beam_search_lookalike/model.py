# source: https://github.com/joeynmt/joeynmt/pull/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class RecurrentEncoder(nn.Module):
    def __init__(self, vocab_size, emb_size=256, hidden_size=256):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb_size, padding_idx=0)
        self.rnn = nn.GRU(emb_size, hidden_size, batch_first=True, bidirectional=True)
        self.bridge = nn.Linear(2 * hidden_size, hidden_size)

    def forward(self, src, src_mask):
        output, hidden = self.rnn(self.embed(src))
        hidden = torch.tanh(self.bridge(torch.cat([hidden[0], hidden[1]], dim=-1)))
        return output, hidden.unsqueeze(0)


class AttentionDecoder(nn.Module):
    def __init__(self, vocab_size, emb_size=256, hidden_size=256):
        super().__init__()
        self.vocab_size = vocab_size
        self.embed = nn.Embedding(vocab_size, emb_size, padding_idx=0)
        self.rnn = nn.GRU(emb_size, hidden_size, batch_first=True)
        self.key = nn.Linear(2 * hidden_size, hidden_size, bias=False)
        self.out = nn.Linear(3 * hidden_size, vocab_size)

    def step(self, prev_tokens, hidden, encoder_output, src_mask):
        dec_out, hidden = self.rnn(self.embed(prev_tokens), hidden)
        scores = torch.bmm(dec_out, self.key(encoder_output).transpose(1, 2))
        scores = scores.masked_fill(~src_mask, float("-inf"))
        context = torch.bmm(F.softmax(scores, dim=-1), encoder_output)
        logits = self.out(torch.cat([dec_out, context], dim=-1))
        return F.log_softmax(logits, dim=-1).squeeze(1), hidden
