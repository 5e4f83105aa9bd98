# The features are handed on through `*features` to the helper that runs the ranker:
# they were made on the CPU, the ranker was moved to the GPU.
import torch
from torch import nn


class Ranker(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.score = nn.Bilinear(dim, dim, 1)

    def forward(self, query, doc):
        return self.score(query, doc).squeeze(-1)


def run_ranker(model, *features):
    with torch.no_grad():
        return model(*features).sigmoid()  # expect: TL204:23 lines=23,22


def rank(model, query_vecs, doc_vecs, device):
    model.to(device)
    query = torch.tensor(query_vecs, dtype=torch.float32)
    docs = torch.tensor(doc_vecs, dtype=torch.float32)
    return run_ranker(model, query, docs).argsort(descending=True)


def main(query_vecs, doc_vecs):
    model = Ranker(64)
    return rank(model, query_vecs, doc_vecs, torch.device("cuda"))
