# source: https://github.com/pykeen/pykeen/issues/206
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper, loader-loop
# bug-lines: 43
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train a small TransE model on (head, relation, tail) triples and project entity embeddings to 2-D."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TransE(nn.Module):
    def __init__(self, num_entities, num_relations, dim=50, margin=1.0):
        super().__init__()
        self.entities = nn.Embedding(num_entities, dim)
        self.relations = nn.Embedding(num_relations, dim)
        nn.init.xavier_uniform_(self.entities.weight)
        nn.init.xavier_uniform_(self.relations.weight)
        self.margin = margin

    def score(self, h, r, t):
        return -(self.entities(h) + self.relations(r) - self.entities(t)).norm(p=1, dim=-1)

    def forward(self, pos, neg):
        pos_score = self.score(pos[:, 0], pos[:, 1], pos[:, 2])
        neg_score = self.score(neg[:, 0], neg[:, 1], neg[:, 2])
        return torch.relu(self.margin - pos_score + neg_score).mean()

    def entity_representations(self, ids=None):
        if ids is None:
            return self.entities.weight
        return self.entities(ids)


def project_2d(model, entity_ids):
    """PCA of the selected entity vectors, returned as a numpy array for plotting."""
    model.eval()
    with torch.no_grad():
        vecs = model.entity_representations(entity_ids)
    vecs = vecs.detach().numpy()
    vecs = vecs - vecs.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(vecs, full_matrices=False)
    return vecs @ vt[:2].T


def corrupt(batch, num_entities):
    neg = batch.clone()
    flip = torch.rand(batch.size(0), device=batch.device) < 0.5
    rand_ent = torch.randint(0, num_entities, (batch.size(0),), device=batch.device)
    neg[flip, 0] = rand_ent[flip]
    neg[~flip, 2] = rand_ent[~flip]
    return neg


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    num_entities, num_relations = 1000, 20
    triples = torch.stack([
        torch.randint(0, num_entities, (20000,)),
        torch.randint(0, num_relations, (20000,)),
        torch.randint(0, num_entities, (20000,)),
    ], dim=1)
    loader = DataLoader(TensorDataset(triples), batch_size=512, shuffle=True)

    model = TransE(num_entities, num_relations).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(5):
        for (batch,) in loader:
            batch = batch.to(device)
            loss = model(batch, corrupt(batch, num_entities))
            opt.zero_grad()
            loss.backward()
            opt.step()

    ids = torch.arange(0, 200, device=device)
    coords = project_2d(model, ids)
    np.savetxt("entity_coords.tsv", coords, delimiter="\t")


if __name__ == "__main__":
    main()
