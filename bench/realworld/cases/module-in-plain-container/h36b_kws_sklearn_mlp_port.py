# source: https://github.com/microsoft/hummingbird/issues/280
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 24, 30
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
import pickle

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class PortedMLP(nn.Module):
    """Re-hosts a fitted sklearn MLPClassifier (MFCC keyword spotter) on torch for batched GPU scoring."""

    def __init__(self, sk_mlp):
        super().__init__()
        self.activation = sk_mlp.activation
        self.layers = []
        for coef, intercept in zip(sk_mlp.coefs_, sk_mlp.intercepts_):
            layer = nn.Linear(coef.shape[0], coef.shape[1])
            with torch.no_grad():
                layer.weight.copy_(torch.from_numpy(coef.T.astype(np.float32)))
                layer.bias.copy_(torch.from_numpy(intercept.astype(np.float32)))
            self.layers.append(layer)

    def _act(self, x):
        return torch.relu(x) if self.activation == "relu" else torch.tanh(x)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = self._act(layer(x))
        return self.layers[-1](x)


def load_keyword_features(path):
    data = np.load(path)
    return torch.from_numpy(data["mfcc"].astype(np.float32)), torch.from_numpy(data["label"])


@torch.no_grad()
def score(model, loader):
    correct, total = 0, 0
    for feats, labels in loader:
        feats, labels = feats.to(device), labels.to(device)
        pred = model(feats).argmax(dim=1)
        correct += (pred == labels).sum().item()
        total += labels.numel()
    return correct / total


if __name__ == "__main__":
    with open("kws_mlp.pkl", "rb") as fh:
        sk_model = pickle.load(fh)
    ported = PortedMLP(sk_model).to(device).eval()
    feats, labels = load_keyword_features("speech_commands_test_mfcc.npz")
    loader = DataLoader(TensorDataset(feats, labels), batch_size=1024)
    print("keyword accuracy:", score(ported, loader))
