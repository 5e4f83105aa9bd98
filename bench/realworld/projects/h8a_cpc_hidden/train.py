# source: https://github.com/talipucar/CPC/issues/1
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: multi-file, class, helper, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from trainer import Model

OPTIONS = {
    "device": torch.device("cuda" if torch.cuda.is_available() else "cpu"),
    "epochs": 20,
    "batch_size": 64,
    "learning_rate": 2e-4,
    "time_steps": 12,
    "sequence_length": 20480,
    "downsampling_factor": 160,
    # (in, out, kernel, stride, padding) per conv layer; 10*4*2*2 = 160x downsampling
    "conv_dims": [(1, 256, 10, 10, 3), (256, 256, 8, 4, 2), (256, 256, 4, 2, 1),
                  (256, 256, 4, 2, 1)],
}


def make_loaders(path="signals.npy"):
    signals = torch.from_numpy(np.load(path).astype(np.float32))
    n_train = int(0.9 * len(signals))
    train = DataLoader(TensorDataset(signals[:n_train]), batch_size=OPTIONS["batch_size"],
                       shuffle=True, drop_last=True, collate_fn=lambda b: torch.stack([x[0] for x in b]))
    val = DataLoader(TensorDataset(signals[n_train:]), batch_size=OPTIONS["batch_size"],
                     collate_fn=lambda b: torch.stack([x[0] for x in b]))
    return train, val


if __name__ == "__main__":
    train_loader, val_loader = make_loaders()
    Model(OPTIONS).fit(train_loader, val_loader)
