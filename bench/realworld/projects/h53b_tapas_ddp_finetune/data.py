# source: https://github.com/OFA-Sys/OFA/issues/200
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [1], output_device 1, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, batch-dict
# needs: torch, transformers, pandas
# cpu: no written where torch was not installed; not run
"""WikiTableQuestions-style examples encoded with the TAPAS tokenizer."""
import json

import pandas as pd
import torch
from torch.utils.data import Dataset
from transformers import TapasTokenizer


class WTQDataset(Dataset):
    def __init__(self, jsonl_path, table_dir, tokenizer_name="google/tapas-base-finetuned-wtq"):
        self.tokenizer = TapasTokenizer.from_pretrained(tokenizer_name)
        self.table_dir = table_dir
        with open(jsonl_path) as f:
            self.rows = [json.loads(line) for line in f]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, idx):
        row = self.rows[idx]
        table = pd.read_csv(f"{self.table_dir}/{row['table_file']}").astype(str)
        enc = self.tokenizer(
            table=table,
            queries=row["question"],
            answer_coordinates=row["answer_coordinates"],
            answer_text=row["answer_text"],
            padding="max_length",
            truncation=True,
            return_tensors="pt",
        )
        item = {k: v.squeeze(0) for k, v in enc.items()}
        item["float_answer"] = torch.tensor(row.get("float_answer", float("nan")))
        return item
