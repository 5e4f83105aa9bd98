import numpy as np
import torch
import torch.nn as nn


def histogram(scores, bins=10):
    # Counts per bin, for the report.
    return np.histogram(np.asarray(scores), bins=bins)[0]


class Evaluator:
    def __init__(self, width=16):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = nn.Linear(width, 1).to(self.device)

    @torch.no_grad()
    def report(self, features):
        # Copied to the host before the helper turns the scores into an array.
        scores = self.model(features.to(self.device)).squeeze(-1)
        return histogram(scores.cpu())
