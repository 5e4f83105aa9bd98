# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/issues/41
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Evaluate a trained ConvLSTM checkpoint on held-out Moving-MNIST sequences."""
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from evaluator import Evaluator
from model import DEVICE, Seq2SeqConvLSTM


class MovingMNISTTest(Dataset):
    """Sequences stored as uint8 (N, 20, 64, 64); first 10 frames in, last 10 out."""

    def __init__(self, path, n_input=10):
        self.seqs = np.load(path)
        self.n_input = n_input

    def __len__(self):
        return len(self.seqs)

    def __getitem__(self, idx):
        seq = torch.from_numpy(self.seqs[idx]).float().div(255.0).unsqueeze(0)  # (1, T, H, W)
        return seq[:, : self.n_input], seq[:, self.n_input:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="checkpoints/convlstm_best.pt")
    parser.add_argument("--data", default="data/mnist_test_seq_subset.npy")
    parser.add_argument("--out", default="results/moving_mnist")
    args = parser.parse_args()

    model = Seq2SeqConvLSTM(in_ch=1, hidden_ch=64, frame_size=(64, 64), out_frames=10)
    model.load_state_dict(torch.load(args.checkpoint, map_location=DEVICE))
    model.to(DEVICE)

    test_loader = DataLoader(MovingMNISTTest(args.data), batch_size=1, shuffle=False)
    Evaluator(model, test_loader, args.out).run()


if __name__ == "__main__":
    main()
