# source: https://github.com/csteinmetz1/auraloss/issues/34
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, TensorDataset

from losses import MelSTFTLoss
from model import MaskEnhancer


def make_loader(n=32, seconds=2, sr=16000):
    clean = torch.randn(n, seconds * sr) * 0.1
    noisy = clean + 0.05 * torch.randn_like(clean)
    return DataLoader(TensorDataset(noisy, clean), batch_size=4, shuffle=True)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MaskEnhancer().to(device)
    criterion = MelSTFTLoss(sample_rate=16000, n_bins=64).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
    for epoch in range(3):
        for noisy, clean in make_loader():
            noisy, clean = noisy.to(device), clean.to(device)
            loss = criterion(model(noisy), clean)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main()
