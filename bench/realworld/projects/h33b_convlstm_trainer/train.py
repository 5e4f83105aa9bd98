# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/pull/24
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, top-level
# bug-lines: 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import os

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset, random_split

from convlstm import Seq2SeqConvLSTM
from trainer import Trainer

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class MovingMNIST(Dataset):
    def __init__(self, path="data/mnist_test_seq.npy", input_frames=10, label_frames=10):
        seq = np.load(path).transpose(1, 0, 2, 3)  # (N, T, H, W)
        self.data = torch.from_numpy(seq.astype(np.float32) / 255.0).unsqueeze(2)
        self.input_frames = input_frames
        self.label_frames = label_frames

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        clip = self.data[idx]
        return clip[: self.input_frames], clip[self.input_frames: self.input_frames + self.label_frames]


def main():
    os.makedirs("checkpoints", exist_ok=True)
    dataset = MovingMNIST()
    n_valid = len(dataset) // 10
    train_set, valid_set = random_split(dataset, [len(dataset) - n_valid, n_valid])
    train_loader = DataLoader(train_set, batch_size=16, shuffle=True, num_workers=2)
    valid_loader = DataLoader(valid_set, batch_size=16)

    model = Seq2SeqConvLSTM(in_channels=1, hidden_channels=64, num_layers=2, out_frames=10)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    trainer = Trainer(model, train_loader, valid_loader, nn.BCELoss(), optimizer, DEVICE, epochs=20)
    history = trainer.run()
    print("final valid loss:", history["valid"][-1])


if __name__ == "__main__":
    main()
