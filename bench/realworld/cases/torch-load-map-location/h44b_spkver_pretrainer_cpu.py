# source: https://github.com/speechbrain/speechbrain/issues/749
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper, loader-loop
# bug-lines: 40
# needs: torch
# cpu: no written where torch was not installed; not run
"""Cosine scoring of speaker-verification trials with a pretrained x-vector
embedder.  The checkpoints were written on the GPU training box; this script
is meant to run on the CPU-only scoring server."""
import os
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class XVectorEmbedder(nn.Module):
    def __init__(self, n_mels=80, emb_dim=192):
        super().__init__()
        self.tdnn = nn.Sequential(
            nn.Conv1d(n_mels, 512, 5, padding=2), nn.ReLU(),
            nn.Conv1d(512, 512, 3, padding=1), nn.ReLU(),
        )
        self.proj = nn.Linear(1024, emb_dim)

    def forward(self, feats):
        h = self.tdnn(feats)
        stats = torch.cat([h.mean(-1), h.std(-1)], dim=-1)
        return self.proj(stats)


class Pretrainer:
    def __init__(self, collect_dir, loadables):
        self.collect_dir = collect_dir
        self.loadables = loadables

    def _load_module(self, name, module, device):
        path = os.path.join(self.collect_dir, name + ".ckpt")
        state = torch.load(path)
        module.load_state_dict(state)
        return module.to(device)

    def load_collected(self, device):
        for name, module in self.loadables.items():
            self._load_module(name, module, device)


def score_trials(embedder, enrol_loader, test_loader, device):
    embedder.eval()
    scores = []
    with torch.no_grad():
        for (enrol,), (test,) in zip(enrol_loader, test_loader):
            e = F.normalize(embedder(enrol.to(device)), dim=-1)
            t = F.normalize(embedder(test.to(device)), dim=-1)
            scores.append((e * t).sum(-1))
    return torch.cat(scores)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    embedder = XVectorEmbedder()
    pretrainer = Pretrainer("pretrained_models/spkrec-xvect",
                            {"embedding_model": embedder})
    pretrainer.load_collected(device)
    enrol = DataLoader(TensorDataset(torch.randn(16, 80, 300)), batch_size=4)
    test = DataLoader(TensorDataset(torch.randn(16, 80, 300)), batch_size=4)
    print(score_trials(embedder, enrol, test, device))
