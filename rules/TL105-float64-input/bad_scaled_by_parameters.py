# A float64 array scaled by values a helper is given (`(x - lo) / (hi - lo)`) stays
# float64 whatever they are: numpy (and torch) keep the wider float. The Dataset's
# items are float64 tensors after the default collate.
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def rescale(raw, lo, hi):
    clipped = np.clip(raw.astype(np.float64), lo, hi)  # expect: TL105:15 lines=27
    return (clipped - lo) / (hi - lo)


class Spectra(Dataset):
    def __init__(self, paths, lo, hi):
        self.paths, self.lo, self.hi = paths, lo, hi

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return rescale(np.load(self.paths[i]), self.lo, self.hi)[None]


def evaluate(model, loader, device):
    for spectra in loader:
        yield model(spectra.to(device))


def main(paths, device):
    model = torch.nn.Conv1d(1, 8, 5).to(device)
    outputs = evaluate(model, DataLoader(Spectra(paths, 0.0, 1.0)), device)
    return list(outputs)
