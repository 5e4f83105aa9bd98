# source: https://github.com/MorvanZhou/NLP-Tutorials/pull/28
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: class, batch-dict
# looks-like: loss-target-dtype
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Dataset:
    def __init__(self, corpus, window=2):
        words = sorted(set(" ".join(corpus).split()))
        self.v2i = {w: i for i, w in enumerate(words)}
        pairs = []
        for sent in corpus:
            ids = [self.v2i[w] for w in sent.split()]
            for i, c in enumerate(ids):
                for j in range(max(0, i - window), min(len(ids), i + window + 1)):
                    if j != i:
                        pairs.append((c, ids[j]))
        self.data = np.array(pairs, dtype=np.int32)

    @property
    def num_word(self):
        return len(self.v2i)

    def sample(self, n):
        idx = np.random.randint(0, len(self.data), n)
        bx, by = self.data[idx, 0], self.data[idx, 1]
        return {"x": bx, "y": by}


class SkipGram(nn.Module):
    def __init__(self, v_dim, emb_dim=8):
        super().__init__()
        self.embeddings = nn.Embedding(v_dim, emb_dim)
        self.hidden_out = nn.Linear(emb_dim, v_dim)
        self.opt = torch.optim.Adam(self.parameters(), lr=0.01)

    def forward(self, x):
        return self.hidden_out(self.embeddings(x))

    def loss(self, x, y):
        logits = self(x)
        return F.cross_entropy(logits, y)

    def step(self, batch):
        x = torch.from_numpy(batch["x"]).long()
        y = torch.from_numpy(batch["y"]).long()
        self.opt.zero_grad()
        loss = self.loss(x, y)
        loss.backward()
        self.opt.step()
        return loss.item()


if __name__ == "__main__":
    corpus = ["5 2 4 8 6 2 3 6 4", "4 8 5 6 9 5 5 6", "1 1 5 2 3 3 8", "3 6 9 6 8 7 4 6 3"]
    d = Dataset(corpus)
    m = SkipGram(d.num_word)
    for t in range(50):
        l = m.step(d.sample(8))
        if t % 25 == 0:
            print(t, round(l, 3))
