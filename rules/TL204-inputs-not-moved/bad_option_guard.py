# The GPU run of a script whose option puts the model on a GPU (`if args.cuda:`,
# `if opts.gpu >= 0:`) is the run that crashes: batches a generator builds on the
# CPU reach the placed model.
import torch
import torch.nn as nn


class TagScorer(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.embed = nn.Embedding(vocab, 32)
        self.out = nn.Linear(32, 2)

    def forward(self, tokens):
        return self.out(self.embed(tokens).mean(1))


def batches(records, size):
    for start in range(0, len(records), size):
        chunk = records[start : start + size]
        tokens = torch.zeros(len(chunk), 16, dtype=torch.long)
        yield {"tokens": tokens}


def score(model, records):
    for batch in batches(records, 32):
        logits = model(**batch)  # expect: TL204:26 lines=21,34
    return logits


def main(opts, records):
    model = TagScorer(5000)
    if opts.gpu >= 0:
        model = model.cuda(opts.gpu)
    return score(model, records)
