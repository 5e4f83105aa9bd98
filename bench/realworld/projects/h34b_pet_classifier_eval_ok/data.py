# source: https://github.com/timoschick/pet/issues/86
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _th_index_select
# pattern: module-not-placed
# shape: multi-file, batch-dict
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
import csv

import torch
from torch.utils.data import DataLoader, Dataset


class TextExamples(Dataset):
    def __init__(self, path, label_list):
        self.label_map = {label: i for i, label in enumerate(label_list)}
        with open(path, newline="", encoding="utf-8") as fh:
            self.rows = [(row["text"], row.get("label")) for row in csv.DictReader(fh)]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        text, label = self.rows[i]
        return i, text, self.label_map.get(label, -1)


def make_loader(path, wrapper, batch_size=16):
    def collate(items):
        idx, texts, labels = zip(*items)
        enc = dict(wrapper.encode(list(texts)))
        enc["labels"] = torch.tensor(labels, dtype=torch.long)
        enc["idx"] = torch.tensor(idx, dtype=torch.long)
        return enc

    dataset = TextExamples(path, wrapper.label_list)
    return DataLoader(dataset, batch_size=batch_size, shuffle=False, collate_fn=collate)
