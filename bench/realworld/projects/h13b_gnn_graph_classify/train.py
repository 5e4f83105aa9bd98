# source: https://github.com/qbxlvnf11/graph-neural-networks-for-graph-classification/pull/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from model import GCNGraphClassifier


class TUGraphDataset(Dataset):
    def __init__(self, path):
        blob = torch.load(path)
        self.graphs = blob["graphs"]
        self.num_features = blob["num_features"]
        self.num_classes = blob["num_classes"]

    def __len__(self):
        return len(self.graphs)

    def __getitem__(self, idx):
        g = self.graphs[idx]
        return g["x"], g["adj"], g["y"]


def collate_padded(batch):
    max_nodes = max(x.size(0) for x, _, _ in batch)
    feat_dim = batch[0][0].size(1)
    xs = torch.zeros(len(batch), max_nodes, feat_dim)
    adjs = torch.zeros(len(batch), max_nodes, max_nodes)
    mask = torch.zeros(len(batch), max_nodes)
    for i, (x, adj, _) in enumerate(batch):
        n = x.size(0)
        xs[i, :n], adjs[i, :n, :n], mask[i, :n] = x, adj, 1.0
    labels = torch.tensor([y for _, _, y in batch])
    return xs, adjs, mask, labels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", default="data/PROTEINS.pt")
    parser.add_argument("--n_agg_layer", type=int, default=2)
    parser.add_argument("--agg_hidden", type=int, default=32)
    parser.add_argument("--readout", default="avg")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = TUGraphDataset(args.dataset)
    loader = DataLoader(dataset, batch_size=32, shuffle=True, collate_fn=collate_padded)
    model = GCNGraphClassifier(dataset.num_features, args.agg_hidden, dataset.num_classes,
                               n_agg_layer=args.n_agg_layer, readout=args.readout).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=5e-4)
    for epoch in range(100):
        total = 0.0
        for xs, adjs, mask, labels in loader:
            xs, adjs, mask, labels = xs.to(device), adjs.to(device), mask.to(device), labels.to(device)
            loss = F.cross_entropy(model(xs, adjs, mask), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch} loss {total / len(loader):.4f}")


if __name__ == "__main__":
    main()
