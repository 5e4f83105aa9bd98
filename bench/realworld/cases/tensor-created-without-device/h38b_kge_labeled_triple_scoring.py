# source: https://github.com/pykeen/pykeen/issues/654
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: helper, class
# bug-lines: 57, 58
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train a small TransE model on the GPU, then score hand-written labeled triples."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TransE(nn.Module):
    def __init__(self, num_entities, num_relations, dim=64, p_norm=1):
        super().__init__()
        self.entity_emb = nn.Embedding(num_entities, dim)
        self.relation_emb = nn.Embedding(num_relations, dim)
        self.p_norm = p_norm
        nn.init.xavier_uniform_(self.entity_emb.weight)
        nn.init.xavier_uniform_(self.relation_emb.weight)

    def score_hrt(self, hrt):
        h = self.entity_emb(hrt[:, 0])
        r = self.relation_emb(hrt[:, 1])
        t = self.entity_emb(hrt[:, 2])
        return -torch.norm(h + r - t, p=self.p_norm, dim=-1)


class TripleVocab:
    def __init__(self, triples):
        ents = sorted({h for h, _, _ in triples} | {t for _, _, t in triples})
        self.entity_to_id = {e: i for i, e in enumerate(ents)}
        self.relation_to_id = {r: i for i, r in enumerate(sorted({r for _, r, _ in triples}))}

    def ids(self, labeled):
        return [(self.entity_to_id[h], self.relation_to_id[r], self.entity_to_id[t]) for h, r, t in labeled]


def train(model, vocab, triples, device, epochs=30):
    data = TensorDataset(torch.tensor(vocab.ids(triples), dtype=torch.long))
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(epochs):
        for (pos,) in DataLoader(data, batch_size=16, shuffle=True):
            pos = pos.to(device)
            neg = pos.clone()
            neg[:, 2] = torch.randint(len(vocab.entity_to_id), (pos.size(0),), device=device)
            loss = torch.relu(1.0 - model.score_hrt(pos) + model.score_hrt(neg)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()


@torch.no_grad()
def predict_triples(model, vocab, labeled):
    model.eval()
    hrt = torch.as_tensor(vocab.ids(labeled), dtype=torch.long)
    scores = model.score_hrt(hrt)
    return sorted(zip(labeled, scores.tolist()), key=lambda x: -x[1])


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    kg = [("uk", "conferences", "brazil"), ("usa", "treaties", "uk"), ("brazil", "embassy", "usa"),
          ("china", "conferences", "usa"), ("uk", "embassy", "china"), ("brazil", "treaties", "china")]
    vocab = TripleVocab(kg)
    model = TransE(len(vocab.entity_to_id), len(vocab.relation_to_id)).to(device)
    train(model, vocab, kg, device)
    for triple, score in predict_triples(model, vocab, [("uk", "conferences", "brazil"), ("usa", "embassy", "uk")]):
        print(triple, round(score, 3))
