# source: https://github.com/shibing624/MedicalGPT/issues/456
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: c10::BFloat16 != float
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import json

import torch
from torch.utils.data import Dataset


class PreferencePairs(Dataset):
    def __init__(self, path, tokenizer, max_len=512):
        with open(path, encoding="utf-8") as f:
            self.rows = [json.loads(line) for line in f if line.strip()]
        self.tokenizer = tokenizer
        self.max_len = max_len

    def __len__(self):
        return len(self.rows)

    def _ids(self, text):
        return self.tokenizer(text, truncation=True, max_length=self.max_len)["input_ids"]

    def __getitem__(self, idx):
        row = self.rows[idx]
        prompt = f"Question: {row['question']}\nAnswer: "
        return self._ids(prompt + row["response_chosen"]), self._ids(prompt + row["response_rejected"])


def collate_pairs(batch, pad_id):
    seqs = [chosen for chosen, _ in batch] + [rejected for _, rejected in batch]
    max_len = max(len(s) for s in seqs)
    input_ids = torch.full((len(seqs), max_len), pad_id, dtype=torch.long)
    attention_mask = torch.zeros_like(input_ids)
    for i, seq in enumerate(seqs):
        input_ids[i, :len(seq)] = torch.tensor(seq, dtype=torch.long)
        attention_mask[i, :len(seq)] = 1
    return {"input_ids": input_ids, "attention_mask": attention_mask}
