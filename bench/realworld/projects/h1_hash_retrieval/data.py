# source: https://github.com/aassxun/SEMICON/issues/2
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: loader-loop, helper, batch-dict, multi-file
# bug-lines: 36
# cpu: no library module, run train.py
# needs: torch
import torch
from torch.utils.data import DataLoader, Dataset


class IndexedImages(Dataset):
    def __init__(self, data, targets, num_classes):
        self.data = data
        self.targets = targets
        self.num_classes = num_classes

    def __len__(self):
        return self.data.shape[0]

    def __getitem__(self, index):
        return self.data[index], self.targets[index], index

    def get_onehot_targets(self):
        return torch.nn.functional.one_hot(self.targets, self.num_classes).float()


def wrap_data(data, targets, num_classes, batch_size):
    dataset = IndexedImages(data, targets, num_classes)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=False)


def sample_dataloader(dataloader, num_samples, batch_size):
    data = dataloader.dataset.data
    targets = dataloader.dataset.targets
    sample_index = torch.randperm(data.shape[0])[:num_samples]
    data = data[sample_index]
    targets = targets[sample_index]
    sample = wrap_data(data, targets, dataloader.dataset.num_classes, batch_size)
    return sample, sample_index


def make_retrieval_loader(n=64, num_classes=4, batch_size=16, seed=0):
    gen = torch.Generator().manual_seed(seed)
    data = torch.randn(n, 3, 16, 16, generator=gen)
    targets = torch.randint(0, num_classes, (n,), generator=gen)
    return wrap_data(data, targets, num_classes, batch_size)
