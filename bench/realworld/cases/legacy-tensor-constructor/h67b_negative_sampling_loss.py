# source: https://github.com/TropComplique/lda2vec-pytorch/issues/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 26, 42
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Skip-gram style contrastive loss with negatives drawn from the unigram^0.75 distribution."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class UnigramSampler:
    """Draws negative word ids; kept on the host because it is pure numpy bookkeeping."""

    def __init__(self, counts, power=0.75, seed=0):
        probs = np.asarray(counts, dtype=np.float64) ** power
        self.probs = probs / probs.sum()
        self.vocab_size = len(counts)
        self.rng = np.random.default_rng(seed)

    def draw(self, n):
        ids = self.rng.choice(self.vocab_size, size=n, p=self.probs)
        return torch.LongTensor(ids)


class NegativeSamplingLoss(nn.Module):
    def __init__(self, vocab_size, dim, counts, num_negatives=15):
        super().__init__()
        self.context = nn.Embedding(vocab_size, dim)
        self.sampler = UnigramSampler(counts)
        self.num_negatives = num_negatives

    def forward(self, pivot_vecs, target_ids):
        # pivot_vecs: [B, D], target_ids: [B, W]
        batch, window = target_ids.shape
        pos = self.context(target_ids)                               # [B, W, D]
        pos_score = F.logsigmoid((pos * pivot_vecs.unsqueeze(1)).sum(-1))
        noise_ids = self.sampler.draw(batch * window * self.num_negatives)
        neg = self.context(noise_ids.view(batch, window * self.num_negatives))
        neg_score = F.logsigmoid(-(neg * pivot_vecs.unsqueeze(1)).sum(-1))
        neg_score = neg_score.view(batch, window, self.num_negatives).sum(-1)
        return -(pos_score + neg_score).sum(1).mean()


class DocWordModel(nn.Module):
    def __init__(self, vocab_size, n_docs, dim, counts):
        super().__init__()
        self.pivots = nn.Embedding(vocab_size, dim)
        self.docs = nn.Embedding(n_docs, dim)
        self.loss = NegativeSamplingLoss(vocab_size, dim, counts)

    def forward(self, doc_ids, pivot_ids, target_ids):
        context = self.pivots(pivot_ids) + self.docs(doc_ids)
        return self.loss(context, target_ids)


def train(model, loader, epochs=5, lr=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(epochs):
        for doc_ids, pivot_ids, target_ids in loader:
            loss = model(doc_ids.to(device), pivot_ids.to(device), target_ids.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.3f}")
