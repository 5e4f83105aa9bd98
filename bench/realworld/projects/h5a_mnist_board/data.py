# source: https://github.com/microsoft/AI-System/pull/116
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset


class DigitFolder(Dataset):
    """Stands in for torchvision's MNIST: random 28x28 digits and labels."""

    def __init__(self, n_items=512, seed=0):
        gen = torch.Generator().manual_seed(seed)
        self.images = torch.rand(n_items, 1, 28, 28, generator=gen)
        self.labels = torch.randint(0, 10, (n_items,), generator=gen)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return (self.images[idx] - 0.1307) / 0.3081, self.labels[idx]


def make_loaders(batch_size):
    train = DataLoader(DigitFolder(512, 0), batch_size=batch_size, shuffle=True)
    test = DataLoader(DigitFolder(128, 1), batch_size=batch_size)
    return train, test
