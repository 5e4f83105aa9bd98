# source: https://github.com/adapter-hub/adapters/issues/456
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument tensors in method wrapper_cat)
# pattern: adapter-after-placement
# shape: multi-file, class, loader-loop, batch-dict
# cpu: clean
# needs: torch
import torch
from torch.utils.data import DataLoader, Dataset


class PairDataset(Dataset):
    def __init__(self, n=64, src_len=16, vocab=1000):
        g = torch.Generator().manual_seed(0)
        self.src = torch.randint(0, vocab, (n, src_len), generator=g)
        self.tgt = torch.randint(0, vocab, (n, src_len), generator=g)

    def __len__(self):
        return len(self.src)

    def __getitem__(self, i):
        return {
            "src": self.src[i],
            "mask": torch.ones(self.src.size(1)),
            "tgt": self.tgt[i],
        }


def build_loader(batch_size=8):
    return DataLoader(PairDataset(), batch_size=batch_size, shuffle=True)
