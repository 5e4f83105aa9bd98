# source: https://github.com/pykeen/pykeen/pull/730
# error: none (correct look-alike)
# pattern: discarded-tensor-move
# shape: helper, loader-loop
# looks-like: discarded-tensor-move
# cpu: clean
# needs: torch
from dataclasses import dataclass

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class TransE(nn.Module):
    def __init__(self, n_entities, n_relations, dim=32):
        super().__init__()
        self.ent = nn.Embedding(n_entities, dim)
        self.rel = nn.Embedding(n_relations, dim)

    def score_hrt(self, hrt):
        h, r, t = self.ent(hrt[:, 0]), self.rel(hrt[:, 1]), self.ent(hrt[:, 2])
        return -(h + r - t).norm(p=1, dim=-1)


@dataclass
class PipelineResult:
    model: nn.Module
    losses: list


def resolve_device(name=None):
    if name is None:
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)


def pipeline(triples, n_entities, n_relations, epochs=2):
    device = resolve_device()
    model = TransE(n_entities, n_relations)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(epochs):
        for (batch,) in DataLoader(TensorDataset(triples), batch_size=16, shuffle=True):
            batch = batch.to(device)
            corrupt = batch.clone()
            corrupt[:, 2] = torch.randint(0, n_entities, (batch.size(0),), device=device)
            loss = torch.relu(1.0 - model.score_hrt(batch) + model.score_hrt(corrupt)).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return PipelineResult(model=model, losses=losses)


def _iterate_moved(pipeline_results):
    for pipeline_result in pipeline_results:
        pipeline_result.model.to(resolve_device("cpu"))
        yield pipeline_result


if __name__ == "__main__":
    n_ent, n_rel = 40, 5
    triples = torch.stack([torch.randint(0, n_ent, (64,)), torch.randint(0, n_rel, (64,)),
                           torch.randint(0, n_ent, (64,))], dim=1)
    results = [pipeline(triples, n_ent, n_rel) for _ in range(2)]
    for result in _iterate_moved(results):
        with torch.no_grad():
            print(result.model.score_hrt(triples[:4]).tolist())
