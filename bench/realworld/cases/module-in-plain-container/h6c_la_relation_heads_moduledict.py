# source: https://github.com/pytorch/pytorch/issues/632
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# looks-like: module-in-plain-container
# shape: class, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Relational scorer: one aggregation head per relation type, picked by name at run time."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class RelationScorer(nn.Module):
    def __init__(self, num_features, relations, hidden=64):
        super().__init__()
        self.relation_names = list(relations)  # plain list of strings, no modules inside
        self.relation_arity = {name: arity for name, arity in relations.items()}
        self.encoder = nn.Sequential(nn.Linear(num_features, hidden), nn.ReLU())
        self.heads = nn.ModuleDict({
            name: nn.Linear(hidden * arity, 1) for name, arity in relations.items()
        })
        self.waggrs = nn.ParameterDict({
            name: nn.Parameter(1.0 + torch.randn(1, 2)) for name in relations
        })

    def forward(self, feats, relation):
        h = self.encoder(feats).flatten(1)  # (B, arity * hidden)
        w = self.waggrs[relation].softmax(-1)
        score = self.heads[relation](h)
        return w[0, 0] * score + w[0, 1] * score.tanh()


def collate(rows):
    return {"feats": torch.stack([r["feats"] for r in rows]),
            "label": torch.tensor([r["label"] for r in rows], dtype=torch.float32),
            "relation": rows[0]["relation"]}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    relations = {"parent_of": 2, "sibling_of": 2, "between": 3}
    model = RelationScorer(num_features=16, relations=relations).to(device)
    optim = torch.optim.Adam(model.parameters(), lr=1e-3)

    rows = [{"feats": torch.randn(relations[r], 16), "label": i % 2, "relation": r}
            for r in relations for i in range(64)]
    by_relation = {r: [row for row in rows if row["relation"] == r] for r in relations}
    for epoch in range(5):
        for name in model.relation_names:
            for batch in DataLoader(by_relation[name], batch_size=16, shuffle=True, collate_fn=collate):
                logits = model(batch["feats"].to(device), batch["relation"]).squeeze(-1)
                loss = nn.functional.binary_cross_entropy_with_logits(logits, batch["label"].to(device))
                optim.zero_grad()
                loss.backward()
                optim.step()
