# source: https://github.com/fangwei123456/spikingjelly/issues/656
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Double
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from spiking_rnn import SpikingGRU


class SpokenDigitSNN(nn.Module):
    def __init__(self, n_in=700, n_hidden=128, n_classes=20):
        super().__init__()
        self.rnn = SpikingGRU(n_in, n_hidden)
        self.readout = nn.Linear(n_hidden, n_classes)

    def forward(self, x_seq):
        spikes, _ = self.rnn(x_seq)
        return self.readout(spikes.mean(0))


def load_shd(split):
    # event counts binned to (N, T, 700); kept in float64 for the gradient checks
    frames = np.load(f"shd_{split}_frames.npy").astype(np.float64)
    labels = np.load(f"shd_{split}_labels.npy").astype(np.int64)
    return TensorDataset(torch.from_numpy(frames), torch.from_numpy(labels))


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SpokenDigitSNN().double().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(load_shd("train"), batch_size=32, shuffle=True)
    for epoch in range(20):
        correct, seen = 0, 0
        for frames, labels in loader:
            frames = frames.to(device).transpose(0, 1)  # (T, N, 700)
            labels = labels.to(device)
            logits = model(frames)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            correct += (logits.argmax(1) == labels).sum().item()
            seen += labels.numel()
        print(f"epoch {epoch}: loss {loss.item():.4f} acc {correct / seen:.3f}")


if __name__ == "__main__":
    main()
