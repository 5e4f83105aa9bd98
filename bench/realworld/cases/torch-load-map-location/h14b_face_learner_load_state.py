# source: https://github.com/TreB1eN/InsightFace_Pytorch/issues/113
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 46, 48, 49, 62
# needs: torch
# cpu: no written where torch was not installed; not run

from pathlib import Path
from types import SimpleNamespace

import torch
from torch import nn


def get_config():
    return SimpleNamespace(
        device=torch.device("cuda:0" if torch.cuda.is_available() else "cpu"),
        work_path=Path("work_space"), model_path=Path("work_space/models"), save_path=Path("work_space/save"),
        facebank_path=Path("data/facebank"), embedding_size=512, threshold=1.5, num_ids=85742,
    )


class Backbone(nn.Module):
    def __init__(self, embedding_size):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 64, 3, 2, 1), nn.BatchNorm2d(64), nn.PReLU(64),
            nn.Conv2d(64, 128, 3, 2, 1), nn.BatchNorm2d(128), nn.PReLU(128), nn.AdaptiveAvgPool2d(1))
        self.output_layer = nn.Sequential(nn.Flatten(), nn.Linear(128, embedding_size), nn.BatchNorm1d(embedding_size))

    def forward(self, x):
        return nn.functional.normalize(self.output_layer(self.body(x)))


class FaceLearner:
    def __init__(self, conf, inference=False):
        self.model = Backbone(conf.embedding_size).to(conf.device)
        if not inference:
            self.head = nn.Linear(conf.embedding_size, conf.num_ids, bias=False).to(conf.device)
            self.optimizer = torch.optim.SGD(list(self.model.parameters()) + list(self.head.parameters()), lr=0.1)
        self.threshold = conf.threshold

    def load_state(self, conf, fixed_str, from_save_folder=False, model_only=False):
        save_path = conf.save_path if from_save_folder else conf.model_path
        self.model.load_state_dict(torch.load(save_path / f"model_{fixed_str}"))
        if not model_only:
            self.head.load_state_dict(torch.load(save_path / f"head_{fixed_str}"))
            self.optimizer.load_state_dict(torch.load(save_path / f"optimizer_{fixed_str}"))

    @torch.no_grad()
    def infer(self, conf, faces, target_embs):
        source_embs = self.model(faces.to(conf.device))
        diff = source_embs.unsqueeze(-1) - target_embs.transpose(1, 0).unsqueeze(0)
        dist = diff.pow(2).sum(dim=1)
        minimum, min_idx = dist.min(dim=1)
        min_idx[minimum > self.threshold] = -1
        return min_idx, minimum


def load_facebank(conf):
    embeddings = torch.load(conf.facebank_path / "facebank.pth")
    names = torch.load(conf.facebank_path / "names.pth", weights_only=False)
    return embeddings, names


if __name__ == "__main__":
    conf = get_config()
    learner = FaceLearner(conf, inference=True)
    learner.load_state(conf, "cpu_final.pth", from_save_folder=True, model_only=True)
    learner.model.eval()
    targets, names = load_facebank(conf)
    faces = torch.rand(4, 3, 112, 112)
    results, scores = learner.infer(conf, faces, targets.to(conf.device))
    for idx, score in zip(results.tolist(), scores.tolist()):
        print(names[idx + 1] if idx >= 0 else "Unknown", f"{score:.3f}")
