# source: https://github.com/sacdallago/biotrainer/issues/67
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA_nll_loss2d_forward)
# pattern: legacy-tensor-constructor
# shape: multi-file, top-level
# bug-lines: 58
# needs: torch, pyyaml
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import yaml
from torch.utils.data import DataLoader

from datasets import (PAD_LABEL, ResidueEmbeddingsDataset, compute_class_weights,
                      pad_residue_batch)
from solver import ResidueSolver


class LightAttentionCNN(nn.Module):
    def __init__(self, embed_dim, n_classes, hidden=32, dropout=0.25):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(embed_dim, hidden, kernel_size=7, padding=3),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Conv1d(hidden, n_classes, kernel_size=7, padding=3),
        )

    def forward(self, x):                        # x: B x L x D
        return self.conv(x.permute(0, 2, 1))     # B x C x L


def read_labels(path):
    labels = {}
    with open(path) as fh:
        for line in fh:
            seq_id, residues = line.split()
            labels[seq_id] = residues
    return labels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    cfg = yaml.safe_load(open(parser.parse_args().config))
    device = torch.device(cfg.get("device", "cuda"))

    train_labels = read_labels(cfg["train_labels"])
    val_labels = read_labels(cfg["val_labels"])
    classes = sorted({c for r in train_labels.values() for c in r})
    class_to_idx = {c: i for i, c in enumerate(classes)}

    weight = None
    if cfg.get("use_class_weights", False):
        weight = compute_class_weights(train_labels, class_to_idx)
    model = LightAttentionCNN(cfg["embed_dim"], len(classes)).to(device)
    loss_fn = nn.CrossEntropyLoss(weight=weight, ignore_index=PAD_LABEL)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.get("lr", 1e-3))

    train_set = ResidueEmbeddingsDataset(cfg["embeddings"], train_labels, class_to_idx)
    val_set = ResidueEmbeddingsDataset(cfg["embeddings"], val_labels, class_to_idx)
    train_loader = DataLoader(train_set, batch_size=cfg.get("batch_size", 32),
                              shuffle=True, collate_fn=pad_residue_batch)
    val_loader = DataLoader(val_set, batch_size=64, collate_fn=pad_residue_batch)

    solver = ResidueSolver(model, optimizer, loss_fn, device)
    solver.train(train_loader, val_loader, cfg.get("num_epochs", 30))


if __name__ == "__main__":
    main()
