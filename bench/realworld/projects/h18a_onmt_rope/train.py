# source: https://github.com/OpenNMT/OpenNMT-py/issues/2513 https://github.com/OpenNMT/OpenNMT-py/pull/2514
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

from attention import RotaryEncoder


class TokenFileDataset(Dataset):
    def __init__(self, path):
        self.samples = []
        with open(path) as f:
            for line in f:
                label, ids = line.rstrip("\n").split("\t")
                self.samples.append((int(label), [int(t) for t in ids.split()]))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        label, ids = self.samples[idx]
        return torch.tensor(ids, dtype=torch.long), label


def collate(batch):
    ids, labels = zip(*batch)
    return pad_sequence(ids, batch_first=True, padding_value=0), torch.tensor(labels)


def train(data_path, vocab_size=32000, epochs=3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RotaryEncoder(vocab_size).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    criterion = nn.CrossEntropyLoss()
    loader = DataLoader(TokenFileDataset(data_path), batch_size=16, shuffle=True, collate_fn=collate)

    for epoch in range(epochs):
        model.train()
        for src, labels in loader:
            src, labels = src.to(device), labels.to(device)
            loss = criterion(model(src), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    train("data/train.tsv")
