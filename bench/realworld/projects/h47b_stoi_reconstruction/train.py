# source: https://github.com/mpariente/pytorch_stoi/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the spectrogram-to-speech reconstruction model."""
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import SpectReconstructor

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def train(model, optimizer, dataset):
    model.train()
    total = 0.0
    for spect, wav in dataset:
        spect, wav = spect.to(device), wav.to(device)
        pred = model(spect)
        loss = model.loss_fn(pred, wav)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(dataset)


def main():
    frames, hop = 125, 128
    spects = torch.randn(64, frames, 257)
    wavs = torch.randn(64, frames * hop)
    train_loader = DataLoader(TensorDataset(spects, wavs), batch_size=8, shuffle=True)
    model = SpectReconstructor(hop=hop).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4)
    for epoch in range(3):
        print(epoch, train(model, optimizer, train_loader))


if __name__ == "__main__":
    main()
