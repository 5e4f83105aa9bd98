# source: https://github.com/anhaidgroup/deepmatcher/pull/54
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class PairMatcher(nn.Module):
    """Scores whether two entity records refer to the same real-world object."""

    def __init__(self, vocab_size=20000, dim=64):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.compare = nn.Sequential(nn.Linear(4 * dim, dim), nn.ReLU(), nn.Linear(dim, 2))
        self.attr_names = None

    def encode(self, ids, offsets):
        return self.embed(ids, offsets)

    def forward(self, left_ids, left_off, right_ids, right_off):
        a = self.encode(left_ids, left_off)
        b = self.encode(right_ids, right_off)
        feats = torch.cat([a, b, (a - b).abs(), a * b], dim=-1)
        return self.compare(feats)
