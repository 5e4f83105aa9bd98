# A Dataset reads data files its project's preprocessing wrote (a manifest, one
# sample per file): not a checkpoint saved from a GPU.
import json

import torch
from torch.utils.data import DataLoader, Dataset


class CachedFeatures(Dataset):
    def __init__(self, manifest):
        self.items = torch.load(manifest)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]["feat"], self.items[i]["label"]


class EditPairs(Dataset):
    def __init__(self, index_file):
        with open(index_file) as f:
            self.records = json.load(f)

    def __len__(self):
        return len(self.records)

    def __getitem__(self, i):
        sample = torch.load(self.records[i]["latents"])
        return sample["source"], sample["edited"]


def loader(root):
    return DataLoader(CachedFeatures(f"{root}/train.pt"), batch_size=8, num_workers=4)
