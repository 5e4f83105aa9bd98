# source: https://github.com/timeseriesAI/tsai/issues/405
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: class, helper
# looks-like: float64-input
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""MiniRocket-style random convolution features for multivariate sensor
series. The bias quantiles are fitted on a random subset, then features are
computed chunk by chunk and handed to a ridge classifier."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class RocketFeatures(nn.Module):
    def __init__(self, c_in, seq_len, n_kernels=840, kernel_size=9, seed=0):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        weights = torch.randint(0, 2, (n_kernels, c_in, kernel_size), generator=g).float() * 3 - 1
        self.register_buffer("kernels", weights - weights.mean(dim=-1, keepdim=True))
        self.register_buffer("biases", torch.zeros(n_kernels))
        self.dilations = [d for d in (1, 2, 4, 8, 16) if (kernel_size - 1) * d < seq_len]

    def _conv(self, x):
        outs = [F.conv1d(x, self.kernels, padding="same", dilation=d) for d in self.dilations]
        return torch.stack(outs, 1).mean(1)

    def fit(self, X, n_fit=512, seed=0):
        rng = np.random.default_rng(seed)
        idxs = rng.choice(len(X), size=min(n_fit, len(X)), replace=False)
        batch = torch.from_numpy(X[idxs].astype(np.float32)).to(self.kernels.device)
        with torch.no_grad():
            conv = self._conv(batch)
            q = torch.rand(conv.shape[1], device=conv.device) * 0.8 + 0.1
            flat = conv.transpose(0, 1).reshape(conv.shape[1], -1)
            self.biases.copy_(torch.stack([torch.quantile(flat[i], q[i]) for i in range(len(q))]))
        return self

    def forward(self, x):
        conv = self._conv(x)
        return (conv > self.biases.view(1, -1, 1)).float().mean(-1)


def get_features(X, feats, chunksize=256):
    out = []
    device = feats.kernels.device
    with torch.no_grad():
        for start in range(0, len(X), chunksize):
            chunk = np.ascontiguousarray(X[start:start + chunksize], dtype=np.float32)
            out.append(feats(torch.from_numpy(chunk).to(device)).cpu().numpy())
    return np.concatenate(out)


if __name__ == "__main__":
    from sklearn.linear_model import RidgeClassifierCV

    data = np.load("bearing_vibration_windows.npz")
    X, y = data["X"], data["y"]
    device = "cuda" if torch.cuda.is_available() else "cpu"
    feats = RocketFeatures(X.shape[1], X.shape[2]).to(device).fit(X)
    clf = RidgeClassifierCV(alphas=np.logspace(-3, 3, 7)).fit(get_features(X, feats), y)
    print("train acc", clf.score(get_features(X, feats), y))
