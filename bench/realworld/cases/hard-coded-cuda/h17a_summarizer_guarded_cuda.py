# source: https://github.com/nlpyang/PreSumm/issues/159
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, loader-loop, batch-dict
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
"""Extractive summarizer trainer; CUDA calls only when a GPU was requested and exists."""
import argparse

import torch
import torch.nn as nn


class SentenceScorer(nn.Module):
    def __init__(self, vocab=30522, dim=256):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim, mode="mean")
        self.out = nn.Linear(dim, 1)

    def forward(self, token_ids, offsets):
        return self.out(self.emb(token_ids, offsets)).squeeze(-1)


class Trainer:
    def __init__(self, args, model):
        self.use_gpu = args.visible_gpus != "-1" and torch.cuda.is_available()
        self.model = model.cuda() if self.use_gpu else model
        self.optim = torch.optim.Adam(self.model.parameters(), lr=args.lr)
        self.loss_fn = nn.BCEWithLogitsLoss()

    def _to_device(self, batch):
        if not self.use_gpu:
            return batch
        return {k: v.cuda(non_blocking=True) for k, v in batch.items()}

    def train(self, batches):
        self.model.train()
        for step, batch in enumerate(batches):
            batch = self._to_device(batch)
            scores = self.model(batch["src"], batch["offsets"])
            loss = self.loss_fn(scores, batch["labels"].float())
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            if step % 50 == 0:
                print(step, loss.item())


def fake_batches(n=200, sents=8, toks=20):
    for _ in range(n):
        yield {
            "src": torch.randint(0, 30522, (sents * toks,)),
            "offsets": torch.arange(0, sents * toks, toks),
            "labels": torch.randint(0, 2, (sents,)),
        }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--visible_gpus", default="-1")
    parser.add_argument("--lr", type=float, default=2e-3)
    args = parser.parse_args()
    Trainer(args, SentenceScorer()).train(fake_batches())
