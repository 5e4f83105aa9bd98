# source: https://github.com/prob-ml/bliss/issues/80
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Sleep-phase training on simulated star fields; the node's GPU 0 is reserved for the survey reducer."""
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from encoder import LocationEncoder
from settings import BACKGROUND_ADU, MAX_SOURCES, use_cuda


def simulated_fields(n_images, slen=32):
    images = BACKGROUND_ADU + 20.0 * torch.randn(n_images, 1, slen, slen)
    counts = torch.randint(0, MAX_SOURCES + 1, (n_images, (slen // 4) ** 2))
    return TensorDataset(images, counts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()

    run_device = torch.device(f"cuda:{args.gpu}") if use_cuda else torch.device("cpu")
    model = LocationEncoder().to(run_device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(simulated_fields(2048), batch_size=32, shuffle=True)

    for epoch in range(args.epochs):
        total = 0.0
        for images, counts in loader:
            images, counts = images.to(run_device), counts.to(run_device)
            n_source_logits, _ = model(images)
            loss = F.cross_entropy(n_source_logits.reshape(-1, MAX_SOURCES + 1), counts.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: {total / len(loader):.4f}")


if __name__ == "__main__":
    main()
