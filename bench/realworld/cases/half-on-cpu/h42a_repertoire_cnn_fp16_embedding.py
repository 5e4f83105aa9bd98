# source: https://github.com/ml-jku/DeepRC/issues/7
# error: RuntimeError: "unfolded2d_copy" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, loader-loop
# bug-lines: 39, 44, 45
# needs: torch
# cpu: no written where torch was not installed; not run
"""Attention-MIL classifier over immune-receptor repertoires (one bag of CDR3 sequences per donor)."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class RepertoireBags(Dataset):
    def __init__(self, path):
        blob = torch.load(path)
        self.bags, self.labels = blob["bags"], blob["labels"]

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.bags[idx], self.labels[idx]


def collate_bags(items):
    bags, labels = zip(*items)
    return list(bags), torch.tensor(labels)


class RepertoireClassifier(nn.Module):
    def __init__(self, n_features=23, n_kernels=32, kernel_size=9, embed_fp16=True, device=torch.device("cpu")):
        super().__init__()
        self.device = device
        self.embed_dtype = torch.float16 if embed_fp16 else torch.float32
        conv = nn.Sequential(nn.Conv1d(n_features, n_kernels, kernel_size), nn.SELU())
        self.seq_embedding = conv.to(device=device, dtype=self.embed_dtype)
        self.attention = nn.Sequential(nn.Linear(n_kernels, 32), nn.SELU(), nn.Linear(32, 1)).to(device)
        self.output = nn.Linear(n_kernels, 1).to(device)

    def embed(self, onehot_seqs):
        x = onehot_seqs.to(device=self.device, dtype=self.embed_dtype).transpose(1, 2)
        acts = self.seq_embedding(x)
        return acts.max(dim=-1).values.float()

    def forward(self, bags):
        pooled = []
        for seqs in bags:
            emb = self.embed(seqs)
            weights = torch.softmax(self.attention(emb), dim=0)
            pooled.append((weights * emb).sum(dim=0))
        return self.output(torch.stack(pooled)).squeeze(-1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/cmv_repertoires.pt")
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()

    model = RepertoireClassifier()
    loader = DataLoader(RepertoireBags(args.data), batch_size=4, shuffle=True, collate_fn=collate_bags)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    criterion = nn.BCEWithLogitsLoss()
    for epoch in range(args.epochs):
        for bags, labels in loader:
            optimizer.zero_grad()
            loss = criterion(model(bags), labels.float())
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
