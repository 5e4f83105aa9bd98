# source: https://github.com/ZFTurbo/Music-Source-Separation-Training/pull/64
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 45, 57
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class RandomMixDataset(Dataset):
    def __init__(self, n_items=64, n_sources=4, length=44100):
        self.n_items, self.n_sources, self.length = n_items, n_sources, length

    def __len__(self):
        return self.n_items

    def __getitem__(self, idx):
        stems = torch.randn(self.n_sources, 2, self.length) * 0.1
        return stems, stems.sum(dim=0)


class TinySeparator(nn.Module):
    def __init__(self, n_sources=4, hidden=32):
        super().__init__()
        self.n_sources = n_sources
        self.encoder = nn.Sequential(nn.Conv1d(2, hidden, 9, padding=4), nn.GELU())
        self.decoder = nn.Conv1d(hidden, 2 * n_sources, 9, padding=4)

    def forward(self, mix):
        out = self.decoder(self.encoder(mix))
        return out.view(mix.size(0), self.n_sources, 2, -1)


def get_model_and_device(args, model):
    if args.force_cpu or not torch.cuda.is_available():
        device = torch.device("cpu")
    else:
        device = torch.device(f"cuda:{args.device_ids[0]}")
    if len(args.device_ids) > 0 and torch.cuda.is_available():
        model = nn.DataParallel(model, device_ids=args.device_ids)
    model = model.to(device)
    return model, device


def train(args):
    model, device = get_model_and_device(args, TinySeparator())
    loader = DataLoader(RandomMixDataset(), batch_size=args.batch_size, shuffle=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        for stems, mix in loader:
            stems, mix = stems.to(device), mix.to(device)
            estimate = model(mix)
            loss = nn.functional.l1_loss(estimate, stems)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device_ids", nargs="+", type=int, default=[0])
    parser.add_argument("--force_cpu", action="store_true")
    parser.add_argument("--batch_size", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=2)
    train(parser.parse_args())
