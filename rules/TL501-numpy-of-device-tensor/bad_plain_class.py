import numpy as np
import torch
import torch.nn as nn


def histogram(scores, bins=10):
    # Counts per bin, for the report.
    return np.histogram(np.asarray(scores), bins=bins)[0]  # expect: TL501:25


class Evaluator:
    # A class with no base: its methods are script code, walked as the functions
    # of the file are, with what __init__ set (the device, the placed model).
    def __init__(self, width=16):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = nn.Linear(width, 1).to(self.device)

    @torch.no_grad()
    def report(self, features):
        scores = self.model(features.to(self.device)).squeeze(-1)
        return histogram(scores)


def top_k_table(probs, k=3):
    return np.argsort(np.asarray(probs), axis=-1)[:, -k:]  # expect: TL501:23


class Ranker(object):
    # ``object`` is no base: the same script code, written the old way.
    def __init__(self, width=16, classes=5):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = nn.Linear(width, classes).to(self.device)

    @torch.no_grad()
    def rank(self, features):
        probs = self.model(features.to(self.device)).softmax(-1)
        return top_k_table(probs)
