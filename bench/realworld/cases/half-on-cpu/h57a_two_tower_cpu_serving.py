# source: https://github.com/pytorch/pytorch/issues/17699
# error: RuntimeError: _th_index_select is not implemented for type torch.HalfTensor
# pattern: half-on-cpu
# shape: helper, class
# bug-lines: 49
# needs: torch
# cpu: no written where torch was not installed; not run
"""CPU scoring service for a two-tower retrieval model; weights are shrunk to fp16 to fit the box."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Tower(nn.Module):
    def __init__(self, vocab_size, dim, hidden):
        super().__init__()
        self.table = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.ReLU(), nn.Linear(hidden, dim))

    def forward(self, ids):
        mask = (ids != 0).unsqueeze(-1)
        pooled = (self.table(ids) * mask).sum(1) / mask.sum(1).clamp(min=1)
        return F.normalize(self.mlp(pooled), dim=-1)


class TwoTower(nn.Module):
    def __init__(self, n_user_feats, n_item_feats, dim=64, hidden=256):
        super().__init__()
        self.user_tower = Tower(n_user_feats, dim, hidden)
        self.item_tower = Tower(n_item_feats, dim, hidden)

    def forward(self, user_ids, item_ids):
        u = self.user_tower(user_ids)
        v = self.item_tower(item_ids)
        return (u * v).sum(-1)


def pad_batch(feature_lists):
    width = max(len(f) for f in feature_lists)
    rows = [f + [0] * (width - len(f)) for f in feature_lists]
    return torch.tensor(rows, dtype=torch.long)


def load_for_serving(ckpt_path, n_user_feats, n_item_feats):
    model = TwoTower(n_user_feats, n_item_feats)
    state = torch.load(ckpt_path, map_location="cpu")
    model.load_state_dict(state["model"])
    # the box has 4 GB of RAM; keep the embedding tables in fp16
    model = model.half()
    return model.eval()


@torch.no_grad()
def score_candidates(model, user_feats, candidate_feats):
    user_ids = pad_batch([user_feats] * len(candidate_feats))
    item_ids = pad_batch(candidate_feats)
    return model(user_ids, item_ids)


if __name__ == "__main__":
    model = load_for_serving("two_tower.pt", n_user_feats=50_000, n_item_feats=200_000)
    scores = score_candidates(model, [12, 981, 40210], [[5, 77], [9001], [123, 456, 789]])
    print(scores.float().topk(2))
