# source: https://github.com/wyharveychen/CloserLookFewShot/issues/81
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: class, helper
# bug-lines: 37, 54
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class FeatureBank:
    """Pre-extracted backbone features, grouped as [n_way, n_support + n_query, dim]."""

    def __init__(self, feats, n_support):
        self.feats = feats
        self.n_support = n_support

    def split(self):
        support = self.feats[:, : self.n_support]
        query = self.feats[:, self.n_support:]
        return support, query


class BaselineAdapter:
    def __init__(self, feat_dim, n_way, n_support, n_query):
        self.feat_dim = feat_dim
        self.n_way = n_way
        self.n_support = n_support
        self.n_query = n_query

    def episode_labels(self):
        # compact labels for the support set: 0..n_way-1, each repeated n_support times
        labels = np.repeat(np.arange(self.n_way), self.n_support).astype(np.int32)
        return torch.from_numpy(labels)

    def adapt_and_score(self, bank, epochs=100, batch_size=4):
        z_support, z_query = bank.split()
        z_support = z_support.reshape(self.n_way * self.n_support, -1).to(device)
        z_query = z_query.reshape(self.n_way * self.n_query, -1).to(device)
        y_support = self.episode_labels().to(device)
        clf = nn.Linear(self.feat_dim, self.n_way).to(device)
        opt = torch.optim.SGD(clf.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-3)
        loss_fn = nn.CrossEntropyLoss()
        support_size = self.n_way * self.n_support
        for _ in range(epochs):
            perm = torch.randperm(support_size, device=device)
            for i in range(0, support_size, batch_size):
                idx = perm[i:i + batch_size]
                opt.zero_grad()
                loss = loss_fn(clf(z_support[idx]), y_support[idx])
                loss.backward()
                opt.step()
        return clf(z_query)


if __name__ == "__main__":
    n_way, n_support, n_query, dim = 5, 5, 15, 512
    feats = torch.randn(n_way, n_support + n_query, dim)
    adapter = BaselineAdapter(dim, n_way, n_support, n_query)
    scores = adapter.adapt_and_score(FeatureBank(feats, n_support))
    query_labels = torch.arange(n_way).repeat_interleave(n_query).to(device)
    acc = (scores.argmax(1) == query_labels).float().mean().item()
    print(f"5-way {n_support}-shot accuracy: {acc:.3f}")
