# source: https://github.com/rskmoi/namedivider-python/pull/45
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class, multi-file
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass
from pathlib import Path

import torch

DEFAULT_MODEL = Path.home() / ".cache" / "namedivider" / "bert_divider_v1.pt"


@dataclass
class DividedName:
    family: str
    given: str
    score: float

    def __str__(self):
        return f"{self.family} {self.given}"


def load_divider_model(path):
    model = torch.load(path, weights_only=False)
    return model


class BertNameDivider:
    def __init__(self, model_path=DEFAULT_MODEL, vocab=None, device="cpu"):
        self.device = torch.device(device)
        self.model = load_divider_model(model_path)
        self.model.to(self.device)
        self.vocab = vocab or {}

    def _encode(self, name):
        ids = [self.vocab.get(ch, 1) for ch in name]
        return torch.tensor([ids], dtype=torch.long, device=self.device)

    @torch.no_grad()
    def divide_name(self, undivided_name):
        if len(undivided_name) < 2:
            raise ValueError("name must have at least two characters")
        logits = self.model(self._encode(undivided_name))[0]
        boundary_scores = torch.softmax(logits[1:], dim=0)
        pos = int(boundary_scores.argmax()) + 1
        return DividedName(undivided_name[:pos], undivided_name[pos:], float(boundary_scores.max()))
