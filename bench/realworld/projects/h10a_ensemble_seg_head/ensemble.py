# source: https://github.com/fideus-labs/KonfAI/pull/26
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 32
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from network import SegNetwork


class EnsemblePredictor:
    def __init__(self, checkpoints, device="cuda"):
        self.checkpoints = list(checkpoints)
        self.device = torch.device(device)
        self.network = SegNetwork().to(self.device)
        self.network.eval()
        self._loaded = None

    def _ensure_model_loaded(self, path):
        if self._loaded == path:
            return
        state = torch.load(path, map_location=self.device)
        if "model" in state:
            state = state["model"]
        self._swap(state)
        self._loaded = path

    def _swap(self, state):
        # reuse the placed network, only swap the weights (and the head when needed)
        self.network.load(state)

    @torch.no_grad()
    def predict(self, volume):
        x = volume.to(self.device)
        probs = None
        for path in self.checkpoints:
            self._ensure_model_loaded(path)
            p = torch.softmax(self.network(x), dim=1)
            probs = p if probs is None else probs + p
        return probs / len(self.checkpoints)
