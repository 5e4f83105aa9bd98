# source: https://github.com/barissayil/SentimentAnalysis/issues/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict
# looks-like: inputs-not-moved
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
"""Click sessions -> (prefix, next item) training pairs, collated into a dict."""
import pandas as pd
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import Dataset


class BasketSessions(Dataset):
    def __init__(self, clicks_parquet, max_len=30):
        clicks = pd.read_parquet(clicks_parquet).sort_values(["session_id", "ts"])
        self.pairs = []
        for _, items in clicks.groupby("session_id")["item_idx"]:
            items = items.tolist()[-(max_len + 1):]
            for cut in range(1, len(items)):
                self.pairs.append((items[:cut], items[cut]))

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, idx):
        prefix, nxt = self.pairs[idx]
        return torch.tensor(prefix, dtype=torch.long), nxt


def collate_sessions(samples):
    prefixes, targets = zip(*samples)
    return {
        "items": pad_sequence(prefixes, batch_first=True, padding_value=0),
        "lengths": torch.tensor([len(p) for p in prefixes], dtype=torch.long),
        "target": torch.tensor(targets, dtype=torch.long),
    }
