# source: https://github.com/pykeen/pykeen/pull/1229
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, helper, loader-loop
# bug-lines: 34
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

TRAINING, VALIDATION, TESTING = "training", "validation", "testing"


class RelationPatternEncoder(nn.Module):
    """Entity representation built from the relations an entity takes part in."""

    def __init__(self, n_entities, n_relations, dim):
        super().__init__()
        self.rel_emb = nn.Embedding(n_relations, dim)
        self.proj = nn.Linear(dim, dim)
        self.n_entities = n_entities

    def forward(self, triples):
        h, r, _ = triples.unbind(-1)
        agg = torch.zeros(self.n_entities, self.rel_emb.embedding_dim, device=triples.device)
        agg.index_add_(0, h, self.rel_emb(r))
        return torch.tanh(self.proj(agg))


class InductiveDistMult(nn.Module):
    def __init__(self, graphs, n_relations, dim=128):
        super().__init__()
        self.relation_emb = nn.Embedding(n_relations, dim)
        self._mode_to_representations = {
            mode: RelationPatternEncoder(g["num_entities"], n_relations, dim)
            for mode, g in graphs.items()
        }
        self.graphs = graphs
        self.mode = TRAINING

    def entity_representations(self):
        encoder = self._mode_to_representations[self.mode]
        triples = self.graphs[self.mode]["triples"].to(self.relation_emb.weight.device)
        return encoder(triples)

    def forward(self, batch):
        ent = self.entity_representations()
        h, r, t = batch.unbind(-1)
        return (ent[h] * self.relation_emb(r) * ent[t]).sum(-1)


def train_epoch(model, loader, optimizer, device):
    model.mode = TRAINING
    for batch in loader:
        batch = batch.to(device)
        pos = model(batch)
        neg = model(batch[torch.randperm(batch.size(0), device=device)])
        loss = torch.relu(1.0 - pos + neg).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda")
    graphs = {m: {"num_entities": 1000, "triples": torch.randint(0, 1000, (5000, 3)) % 50}
              for m in (TRAINING, VALIDATION, TESTING)}
    model = InductiveDistMult(graphs, n_relations=50).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = torch.utils.data.DataLoader(graphs[TRAINING]["triples"], batch_size=256, shuffle=True)
    train_epoch(model, loader, opt, device)
