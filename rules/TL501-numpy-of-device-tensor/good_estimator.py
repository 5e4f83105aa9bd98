import numpy as np
import torch
import torch.nn as nn
from sklearn.base import BaseEstimator, ClassifierMixin


class TorchClassifier(BaseEstimator, ClassifierMixin):
    def __init__(self, width=32, epochs=10, device=None):
        self.width = width
        self.epochs = epochs
        self.device = device

    def fit(self, X, y):
        self.device_ = torch.device(self.device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.classes_ = np.unique(y)
        self.net_ = nn.Sequential(
            nn.Linear(X.shape[1], self.width), nn.ReLU(), nn.Linear(self.width, len(self.classes_))
        ).to(self.device_)
        return self

    @torch.no_grad()
    def predict_proba(self, X):
        # back on the host before numpy
        inputs = torch.as_tensor(X, dtype=torch.float32, device=self.device_)
        return self.net_(inputs).softmax(-1).cpu().numpy()

    def export(self):
        # what another method sets may be anywhere when this runs: not read as fit's
        self.net_ = self.net_.cpu()


class Cached:
    # set in __init__ (to None) and by load(): not one method's alone
    def __init__(self):
        self.model = None

    def load(self, device):
        self.model = nn.Linear(4, 2).to(device)

    def scores(self, x):
        return self.model(x).detach().numpy()
