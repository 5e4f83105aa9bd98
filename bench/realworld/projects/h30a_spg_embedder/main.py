# source: https://github.com/loicland/superpoint_graph/issues/143
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader

from pointnet import CloudEmbedder, PointNet
from spg_loader import SuperpointGraphDataset, spg_collate


class SPGModel(nn.Module):
    def __init__(self, n_classes, nf=32):
        super().__init__()
        self.ptn = PointNet(nfeat=6, nfeat_global=1, nf_out=nf)
        self.head = nn.Sequential(nn.Linear(nf, 64), nn.ReLU(), nn.Linear(64, n_classes))

    def forward(self, embeddings):
        return self.head(embeddings)


def train(args, model, loader, optimizer, embedder):
    model.train()
    total = 0.0
    for labels, clouds_data in loader:
        if args.cuda:
            labels = labels.cuda()
        optimizer.zero_grad()
        embeddings = embedder.run(model, *clouds_data)
        outputs = model(embeddings)
        loss = F.cross_entropy(outputs, labels)
        loss.backward()
        embedder.bw_hook()
        optimizer.step()
        total += loss.item()
    return total / max(len(loader), 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="datasets/custom_set")
    parser.add_argument("--cuda", type=int, default=1)
    parser.add_argument("--ptn_mem_monger", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=50)
    args = parser.parse_args()

    model = SPGModel(n_classes=13)
    if args.cuda:
        model.cuda()
    loader = DataLoader(SuperpointGraphDataset(args.root, "train"), batch_size=2,
                        shuffle=True, collate_fn=spg_collate)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    embedder = CloudEmbedder(args)
    for epoch in range(args.epochs):
        print(f"epoch {epoch}: loss {train(args, model, loader, optimizer, embedder):.4f}")


if __name__ == "__main__":
    main()
