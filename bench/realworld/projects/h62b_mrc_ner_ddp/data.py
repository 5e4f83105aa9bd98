# source: https://github.com/ShannonAI/mrc-for-flat-nested-ner/issues/128
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import json

import torch
from torch.utils.data import Dataset


class MRCNERDataset(Dataset):
    def __init__(self, json_path, tokenizer, max_length=128):
        with open(json_path, encoding="utf-8") as f:
            self.samples = json.load(f)
        self.tokenizer = tokenizer
        self.max_length = max_length

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        s = self.samples[idx]
        enc = self.tokenizer(s["query"], s["context"], truncation="only_second",
                             max_length=self.max_length, padding="max_length")
        start = torch.zeros(self.max_length, dtype=torch.long)
        end = torch.zeros(self.max_length, dtype=torch.long)
        for st, en in zip(s["start_position"], s["end_position"]):
            if en < self.max_length:
                start[st] = 1
                end[en] = 1
        return {
            "input_ids": torch.tensor(enc["input_ids"]),
            "token_type_ids": torch.tensor(enc["token_type_ids"]),
            "attention_mask": torch.tensor(enc["attention_mask"]),
            "start_labels": start,
            "end_labels": end,
        }
