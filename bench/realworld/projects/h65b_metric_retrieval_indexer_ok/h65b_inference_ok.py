# source: https://github.com/KevinMusgrave/pytorch-metric-learning/issues/347
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: class, loader-loop, multi-file
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Embedding index for image retrieval with a trained metric-learning trunk."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class InferenceIndexer:
    def __init__(self, trunk, embedder=None, batch_size=64, normalize=True):
        self.trunk = trunk
        self.embedder = embedder if embedder is not None else torch.nn.Identity()
        self.batch_size = batch_size
        self.normalize = normalize
        self.index = None
        self.index_labels = None

    @property
    def device(self):
        return next(self.trunk.parameters()).device

    @torch.no_grad()
    def get_embeddings(self, dataset):
        self.trunk.eval()
        self.embedder.eval()
        loader = DataLoader(dataset, batch_size=self.batch_size, shuffle=False, num_workers=4)
        all_emb, all_labels = [], []
        for images, labels in loader:
            images = images.to(self.device, non_blocking=True)
            emb = self.embedder(self.trunk(images))
            if self.normalize:
                emb = F.normalize(emb, dim=1)
            all_emb.append(emb.cpu())
            all_labels.append(labels)
        return torch.cat(all_emb), torch.cat(all_labels)

    def train_indexer(self, dataset):
        self.index, self.index_labels = self.get_embeddings(dataset)

    def get_nearest_neighbors(self, query_images, k=5):
        query = self.embedder(self.trunk(query_images.to(self.device)))
        if self.normalize:
            query = F.normalize(query, dim=1)
        sims = query.cpu() @ self.index.t()
        scores, idx = sims.topk(k, dim=1)
        return scores, self.index_labels[idx]
