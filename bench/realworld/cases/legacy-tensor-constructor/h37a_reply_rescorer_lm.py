# source: https://github.com/espnet/espnet/issues/6112
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 41
# needs: torch
# cpu: no written where torch was not installed; not run
"""Rescore candidate chatbot replies with a small in-domain LSTM language model."""
import math

import torch
import torch.nn as nn


class SmallLM(nn.Module):
    def __init__(self, vocab_size, emb=256, hidden=512, layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb)
        self.rnn = nn.LSTM(emb, hidden, layers, batch_first=True)
        self.out = nn.Linear(hidden, vocab_size)

    def forward(self, ys):
        h, _ = self.rnn(self.embed(ys))
        return self.out(h)


class ReplyRescorer:
    def __init__(self, lm, vocab, sos_id, eos_id, device="cuda", weight=0.3):
        self.lm = lm.to(device).eval()
        self.vocab = vocab
        self.sos, self.eos = sos_id, eos_id
        self.device = device
        self.weight = weight

    def encode(self, text):
        unk = self.vocab["<unk>"]
        return [self.sos] + [self.vocab.get(tok, unk) for tok in text.split()] + [self.eos]

    @torch.no_grad()
    def lm_logprob(self, token_ids):
        ys = torch.LongTensor(token_ids, device=self.device).unsqueeze(0)
        logp = self.lm(ys[:, :-1]).log_softmax(-1)
        return logp.gather(-1, ys[:, 1:].unsqueeze(-1)).sum().item()

    def rerank(self, candidates):
        """candidates: list of (reply_text, decoder_score)"""
        rescored = []
        for text, dec_score in candidates:
            ids = self.encode(text)
            lm_score = self.lm_logprob(ids) / math.sqrt(len(ids))
            rescored.append((dec_score + self.weight * lm_score, text))
        return [text for _, text in sorted(rescored, reverse=True)]


if __name__ == "__main__":
    vocab = {w: i for i, w in enumerate(["<unk>", "<s>", "</s>", "hi", "there", "how", "are", "you"])}
    lm = SmallLM(len(vocab))
    rescorer = ReplyRescorer(lm, vocab, sos_id=1, eos_id=2,
                             device="cuda" if torch.cuda.is_available() else "cpu")
    print(rescorer.rerank([("hi there", -2.1), ("how are you", -2.4), ("you you you", -1.9)]))
