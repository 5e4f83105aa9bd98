# source: https://github.com/rasbt/LLMs-from-scratch/issues/392
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: multi-file, class
# looks-like: module-added-after-placement
# needs: torch, pandas, tiktoken
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=120, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(t)[:max_length] for t in self.data["Text"]]
        self.max_length = max(len(e) for e in encoded)
        self.encoded = [e + [pad_token_id] * (self.max_length - len(e)) for e in encoded]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)
