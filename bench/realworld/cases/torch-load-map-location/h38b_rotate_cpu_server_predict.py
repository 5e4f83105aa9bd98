# source: https://github.com/pykeen/pykeen/issues/727
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, top-level
# bug-lines: 45
# needs: torch
# cpu: no written where torch was not installed; not run
"""Relation prediction service for a RotatE model that was trained on a GPU box.

The checkpoint was written on the training machine with
torch.save({"state_dict": model.state_dict(), "entity_to_id": ..., "relation_to_id": ...}, path)
and copied to this CPU-only inference server.
"""
import csv
import math

import torch
import torch.nn as nn

CHECKPOINT = "rotate-small/trained_model.pt"
TRIPLES_CSV = "triples.csv"


class RotatE(nn.Module):
    def __init__(self, num_entities, num_relations, dim=128):
        super().__init__()
        self.entity_re = nn.Embedding(num_entities, dim)
        self.entity_im = nn.Embedding(num_entities, dim)
        self.relation_phase = nn.Embedding(num_relations, dim)

    def score_all_relations(self, h, t):
        phase = self.relation_phase.weight * math.pi
        rot_re, rot_im = torch.cos(phase), torch.sin(phase)
        h_re, h_im = self.entity_re(h), self.entity_im(h)
        t_re, t_im = self.entity_re(t), self.entity_im(t)
        re = h_re * rot_re - h_im * rot_im - t_re
        im = h_re * rot_im + h_im * rot_re - t_im
        return -torch.sqrt(re ** 2 + im ** 2).sum(dim=-1)


device = torch.device("cpu")


def load_model(path):
    ckpt = torch.load(path)
    model = RotatE(len(ckpt["entity_to_id"]), len(ckpt["relation_to_id"]))
    model.load_state_dict(ckpt["state_dict"])
    return model.to(device).eval(), ckpt["entity_to_id"], ckpt["relation_to_id"]


def known_triples(path):
    with open(path, newline="") as fh:
        return {(row["source"], row["type"], row["target"]) for row in csv.DictReader(fh)
                if row["source"] and row["type"] and row["target"]}


model, entity_to_id, relation_to_id = load_model(CHECKPOINT)
id_to_relation = {i: r for r, i in relation_to_id.items()}
seen = known_triples(TRIPLES_CSV)


@torch.no_grad()
def get_prediction(head, tail, top_k=5):
    h = torch.tensor([entity_to_id[head]], device=device)
    t = torch.tensor([entity_to_id[tail]], device=device)
    scores = model.score_all_relations(h, t)
    best = torch.topk(scores, k=min(top_k, scores.numel()))
    return [(id_to_relation[i], s, (head, id_to_relation[i], tail) in seen)
            for s, i in zip(best.values.tolist(), best.indices.tolist())]


if __name__ == "__main__":
    print(get_prediction("C0057488", "C0086543"))
