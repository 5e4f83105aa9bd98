# source: https://github.com/pykeen/pykeen/issues/49
# error: RuntimeError: expected device cuda:0 but got device cpu
# pattern: tensor-created-without-device
# shape: class, helper
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Tail prediction for a DistMult model trained on the GPU, flagging novel triples."""
import torch
import torch.nn as nn


class DistMult(nn.Module):
    def __init__(self, num_entities, num_relations, dim=100):
        super().__init__()
        self.entity = nn.Embedding(num_entities, dim)
        self.relation = nn.Embedding(num_relations, dim)
        nn.init.xavier_uniform_(self.entity.weight)
        nn.init.xavier_uniform_(self.relation.weight)

    def score_t(self, hr):
        h = self.entity(hr[:, 0])
        r = self.relation(hr[:, 1])
        return (h * r) @ self.entity.weight.t()


class TailPredictor:
    def __init__(self, model, entity_to_id, relation_to_id, mapped_triples):
        self.model = model
        self.entity_to_id = entity_to_id
        self.relation_to_id = relation_to_id
        self.id_to_entity = {i: e for e, i in entity_to_id.items()}
        self.mapped_triples = mapped_triples  # kept on the CPU, it can be large

    @property
    def device(self):
        return next(self.model.parameters()).device

    def _novel(self, h, r, t):
        triple = torch.tensor([h, r, t], dtype=torch.long, device=self.mapped_triples.device).view(1, 3)
        return not (triple == self.mapped_triples).all(dim=1).any().item()

    @torch.no_grad()
    def predict_tails(self, head_label, relation_label, top_k=10):
        h, r = self.entity_to_id[head_label], self.relation_to_id[relation_label]
        hr = torch.tensor([[h, r]], dtype=torch.long, device=self.device)
        scores = self.model.score_t(hr)[0]
        best = scores.topk(top_k)
        return [(self.id_to_entity[t], s, self._novel(h, r, t))
                for s, t in zip(best.values.cpu().tolist(), best.indices.cpu().tolist())]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    raw = [("brazil", "intergovorgs", "uk"), ("uk", "intergovorgs", "usa"), ("usa", "treaties", "brazil"),
           ("china", "embassy", "uk"), ("uk", "treaties", "china"), ("brazil", "embassy", "china")]
    ents = sorted({h for h, _, _ in raw} | {t for _, _, t in raw})
    rels = sorted({r for _, r, _ in raw})
    e2id = {e: i for i, e in enumerate(ents)}
    r2id = {r: i for i, r in enumerate(rels)}
    mapped = torch.tensor([(e2id[h], r2id[r], e2id[t]) for h, r, t in raw], dtype=torch.long)

    model = DistMult(len(ents), len(rels)).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    train = mapped.to(device)
    for _ in range(200):
        logits = model.score_t(train[:, :2])
        loss = nn.functional.cross_entropy(logits, train[:, 2])
        opt.zero_grad()
        loss.backward()
        opt.step()

    predictor = TailPredictor(model.eval(), e2id, r2id, mapped)
    print(predictor.predict_tails("uk", "treaties", top_k=3))
