# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/pull/15
# error: RuntimeError: Found dtype Byte but expected Float
# pattern: integer-input
# shape: loader-loop, class
# looks-like: integer-input
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Next-frame prediction on Moving MNIST stored as a uint8 array (T, N, H, W)."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class MovingMNIST(Dataset):
    def __init__(self, path, input_frames=10, output_frames=10):
        self.data = np.load(path)  # uint8, shape (20, 10000, 64, 64)
        self.n_in, self.n_out = input_frames, output_frames

    def __len__(self):
        return self.data.shape[1]

    def __getitem__(self, idx):
        clip = torch.from_numpy(self.data[:, idx]).unsqueeze(1)
        clip = clip.float() / 255.0
        return clip[: self.n_in], clip[self.n_in: self.n_in + self.n_out]


class FramePredictor(nn.Module):
    def __init__(self, frames=10, hidden=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(frames, hidden, 3, padding=1), nn.ReLU(),
            nn.Conv2d(hidden, hidden, 3, padding=1), nn.ReLU(),
            nn.Conv2d(hidden, frames, 1), nn.Sigmoid(),
        )

    def forward(self, x):
        b, t, c, h, w = x.shape
        return self.net(x.view(b, t * c, h, w)).view(b, t, c, h, w)


def train(path="data/mnist_test_seq.npy", epochs=3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(MovingMNIST(path), batch_size=16, shuffle=True, num_workers=2)
    model = FramePredictor().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.BCELoss()
    for epoch in range(epochs):
        for inputs, targets in loader:
            inputs, targets = inputs.to(device), targets.to(device)
            loss = criterion(model(inputs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    train()
