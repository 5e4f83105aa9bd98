# source: https://github.com/ansh941/MnistSimpleCNN/pull/1
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: multi-file, class
# bug-lines: 28
# cpu: clean
# needs: torch, numpy
import os

import numpy as np
import torch


def _read_idx(path, offset, count, rng):
    if os.path.exists(path):
        with open(path, "rb") as f:
            return np.array(np.frombuffer(f.read(), np.uint8, offset=offset))
    return rng.integers(0, 256 if offset == 16 else 10, count, dtype=np.uint8)  # no MNIST files here


class MnistDataset(torch.utils.data.Dataset):
    def __init__(self, training=True, root="../data/MNIST/raw", n=64):
        rng = np.random.default_rng(0 if training else 1)
        prefix = "train" if training else "t10k"
        xs = _read_idx(os.path.join(root, f"{prefix}-images-idx3-ubyte"), 16, n * 28 * 28, rng)
        ys = _read_idx(os.path.join(root, f"{prefix}-labels-idx1-ubyte"), 8, n, rng)
        xs = np.reshape(xs, (-1, 1, 28, 28)).astype(np.float32) / 255.0
        ys = ys.astype(np.int32)
        self.x_data = xs
        self.y_data = ys

    def __len__(self):
        return len(self.x_data)

    def __getitem__(self, idx):
        x = torch.from_numpy(self.x_data[idx])
        y = torch.tensor(np.array(self.y_data[idx]))
        return x, y
