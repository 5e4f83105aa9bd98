# source: https://github.com/braindecode/braindecode/pull/381
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Load a trained Shallow ConvNet and report trial-wise accuracy on the
held-out session of one BCI-IV-2a subject (windows pre-cut to .npz)."""
import numpy as np
import torch
from torch.utils.data import Dataset

from model import ShallowFBCSPNet
from scoring import trial_accuracy


class WindowsDataset(Dataset):
    def __init__(self, path):
        data = np.load(path)
        self.X = data["X"].astype(np.float32)
        self.y = data["y"].astype(np.int64)
        self.trial = data["trial"].astype(np.int64)

    def __len__(self):
        return len(self.X)

    def __getitem__(self, i):
        return torch.from_numpy(self.X[i]), self.y[i], (self.trial[i],)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    test_set = WindowsDataset("bciiv2a_subject3_session_E.npz")
    n_chans, n_samples = test_set.X.shape[1:]
    model = ShallowFBCSPNet(n_chans, n_classes=4, input_window_samples=n_samples)
    model.load_state_dict(torch.load("shallow_subject3.pt", map_location="cpu"))
    model.to(device)
    print(f"trial accuracy: {trial_accuracy(model, test_set):.3f}")
