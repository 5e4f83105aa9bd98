# source: https://github.com/babylm/evaluation-pipeline-2025/pull/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: multi-file, class, batch-dict
# cpu: clean
# needs: torch
import torch
from torch.utils.data import DataLoader, Dataset


class ClassificationDataset(Dataset):
    def __init__(self, examples, vocab_size, max_len=32):
        self.examples = examples
        self.vocab_size = vocab_size
        self.max_len = max_len

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, idx):
        text, label = self.examples[idx]
        ids = [1 + (hash(tok) % (self.vocab_size - 1)) for tok in text.split()][: self.max_len]
        return ids, label


def collate(batch):
    width = max(len(ids) for ids, _ in batch)
    input_ids = torch.zeros(len(batch), width, dtype=torch.long)
    attention_mask = torch.zeros(len(batch), width, dtype=torch.long)
    for row, (ids, _) in enumerate(batch):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        attention_mask[row, : len(ids)] = 1
    labels = torch.tensor([label for _, label in batch], dtype=torch.long)
    return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}


def make_loader(examples, vocab_size, batch_size=8, shuffle=True):
    dataset = ClassificationDataset(examples, vocab_size)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, collate_fn=collate)
