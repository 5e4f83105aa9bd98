# source: https://github.com/wenet-e2e/wekws/pull/141
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: loader-loop, batch-dict, helper, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train a small GRU keyword spotter with an utterance-level CE loss."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import KeywordDataset, padding_collate
from loss import criterion


class GRUKeywordSpotter(nn.Module):
    def __init__(self, num_mel_bins=40, hidden=128, num_keywords=2):
        super().__init__()
        self.gru = nn.GRU(num_mel_bins, hidden, num_layers=2, batch_first=True)
        self.classifier = nn.Linear(hidden, num_keywords + 1)

    def forward(self, feats, lengths):
        out, _ = self.gru(feats)
        last = out[torch.arange(out.size(0), device=out.device), lengths.long() - 1]
        return self.classifier(last)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-list", required=True)
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(KeywordDataset(args.train_list), batch_size=64, shuffle=True,
                        collate_fn=padding_collate, num_workers=4)
    model = GRUKeywordSpotter().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(args.epochs):
        model.train()
        for keys, feats, target, lengths in loader:
            feats, target, lengths = feats.to(device), target.to(device), lengths.to(device)
            logits = model(feats, lengths)
            loss, acc = criterion("ce", logits, target, lengths)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f} acc {acc:.3f}")


if __name__ == "__main__":
    main()
