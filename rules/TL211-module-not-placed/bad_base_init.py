import torch
from torch import nn


def build_scorer(dim):
    return nn.Sequential(nn.Linear(dim, 32), nn.ReLU(), nn.Linear(32, 1))


class Predictor:
    def __init__(self, dim, device):
        self.device = device
        self.scorer = build_scorer(dim)  # expect: TL211:23 lines=6,23,24


class ThresholdPredictor(Predictor):
    # The base class's __init__ keeps the scorer; nothing here places it.
    def __init__(self, dim, device, threshold=0.5):
        super().__init__(dim, device)
        self.threshold = threshold

    @torch.no_grad()
    def predict(self, features):
        x = features.to(self.device)
        return self.scorer(x).sigmoid() > self.threshold


if __name__ == "__main__":
    predictor = ThresholdPredictor(dim=12, device=torch.device("cuda"))
    print(predictor.predict(torch.randn(4, 12)))
