# source: https://github.com/dmlc/dgl/issues/2302
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# shape: loader-loop, helper
# bug-lines: 53, 58
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
import argparse

import dgl
import dgl.nn.pytorch as dglnn
import torch
import torch.nn as nn
import torch.nn.functional as F
from dgl.data import RedditDataset


class SAGE(nn.Module):
    def __init__(self, in_feats, n_hidden, n_classes, n_layers, dropout):
        super().__init__()
        dims = [in_feats] + [n_hidden] * (n_layers - 1) + [n_classes]
        self.layers = nn.ModuleList(
            dglnn.SAGEConv(dims[i], dims[i + 1], "mean") for i in range(n_layers))
        self.dropout = nn.Dropout(dropout)

    def forward(self, blocks, x):
        h = x
        for i, (layer, block) in enumerate(zip(self.layers, blocks)):
            h = layer(block, h)
            if i != len(self.layers) - 1:
                h = self.dropout(F.relu(h))
        return h


def compute_acc(pred, labels):
    return (pred.argmax(dim=1) == labels).float().mean().item()


def run(args, device, g, n_classes):
    train_nid = g.ndata["train_mask"].nonzero().squeeze()
    sampler = dgl.dataloading.NeighborSampler([int(f) for f in args.fan_out.split(",")])
    dataloader = dgl.dataloading.DataLoader(
        g, train_nid, sampler, batch_size=args.batch_size, shuffle=True, drop_last=False)

    model = SAGE(g.ndata["feat"].shape[1], args.num_hidden, n_classes, 2, 0.5)
    model = model.to(device)
    loss_fcn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    for epoch in range(args.num_epochs):
        for step, (input_nodes, seeds, blocks) in enumerate(dataloader):
            # inputs live on the first block's source side, labels on the last block's destinations
            batch_inputs = blocks[0].srcdata["feat"]
            batch_labels = blocks[-1].dstdata["label"].long()
            blocks = [block.to(device) for block in blocks]
            batch_labels = batch_labels.to(device)

            batch_pred = model(blocks, batch_inputs)
            loss = loss_fcn(batch_pred, batch_labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 20 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} "
                      f"acc {compute_acc(batch_pred, batch_labels):.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser("GraphSAGE on Reddit")
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--num-epochs", type=int, default=20)
    parser.add_argument("--num-hidden", type=int, default=16)
    parser.add_argument("--fan-out", type=str, default="10,25")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--lr", type=float, default=0.003)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}" if args.gpu >= 0 else "cpu")
    dataset = RedditDataset()
    run(args, device, dataset[0], dataset.num_classes)
