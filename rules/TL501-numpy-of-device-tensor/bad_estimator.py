import numpy as np
import torch
import torch.nn as nn
from sklearn.base import BaseEstimator, ClassifierMixin


class TorchClassifier(BaseEstimator, ClassifierMixin):
    """scikit-learn's interface over a torch network: ``fit`` builds and places the
    network, ``predict_proba`` (called by ``score`` and by pipelines) runs it."""

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
        inputs = torch.as_tensor(X, dtype=torch.float32, device=self.device_)
        targets = torch.as_tensor(np.searchsorted(self.classes_, y), device=self.device_)
        opt = torch.optim.Adam(self.net_.parameters())
        for _ in range(self.epochs):
            opt.zero_grad()
            nn.functional.cross_entropy(self.net_(inputs), targets).backward()
            opt.step()
        return self

    @torch.no_grad()
    def predict_proba(self, X):
        inputs = torch.as_tensor(X, dtype=torch.float32, device=self.device_)
        return self.net_(inputs).softmax(-1).numpy()  # expect: TL501:16

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(1)]
