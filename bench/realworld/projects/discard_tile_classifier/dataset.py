# source: https://github.com/windshadow233/Mahjong-AI/issues/2
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: multi-file, helper, loader-loop
# bug-lines: 39
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: torch, numpy
import numpy as np
import torch
from torch.utils.data import Dataset

NUM_FEATURE_PLANES = 8
NUM_TILES = 136


def make_fake_records(n, seed=0):
    rng = np.random.default_rng(seed)
    hands = rng.integers(0, 2, size=(n, NUM_FEATURE_PLANES, 34), dtype=np.int8)
    discards = rng.integers(0, NUM_TILES, size=n).astype(np.int32)
    return hands, discards


def process_data(data, label_trans=None):
    hands, discards = data
    features = hands.float()
    labels = label_trans(discards) if label_trans is not None else discards
    return features, labels


class DiscardDataset(Dataset):
    def __init__(self, records):
        self.records = records

    def __len__(self):
        return len(self.records[0])

    def __getitem__(self, idx):
        hands, discards = self.records
        return torch.from_numpy(hands[idx]), torch.tensor(discards[idx])
