# source: https://github.com/rasbt/LLMs-from-scratch/issues/232
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import Dataset, DataLoader


class TokenWindowDataset(Dataset):
    """Sliding windows of token ids for next-token prediction."""

    def __init__(self, token_ids, max_length, stride):
        self.inputs = []
        self.targets = []
        for start in range(0, len(token_ids) - max_length, stride):
            chunk = token_ids[start:start + max_length + 1]
            self.inputs.append(torch.tensor(chunk[:-1]))
            self.targets.append(torch.tensor(chunk[1:]))

    def __len__(self):
        return len(self.inputs)

    def __getitem__(self, idx):
        return self.inputs[idx], self.targets[idx]


def make_loader(token_ids, max_length=256, stride=128, batch_size=8, shuffle=True):
    dataset = TokenWindowDataset(token_ids, max_length, stride)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=True)
