# source: https://github.com/tkipf/pygcn/pull/13
# error: RuntimeError: Expected object of type torch.cuda.LongTensor but found type torch.LongTensor for argument #3 'index'
# pattern: legacy-tensor-constructor
# shape: multi-file, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
import time

import numpy as np
import torch
import torch.optim as optim

from models import GCN
from utils import accuracy, load_karate, seed_loss

parser = argparse.ArgumentParser()
parser.add_argument("--no-cuda", action="store_true", default=False)
parser.add_argument("--epochs", type=int, default=300)
parser.add_argument("--lr", type=float, default=0.01)
parser.add_argument("--hidden", type=int, default=4)
args = parser.parse_args()
args.cuda = not args.no_cuda and torch.cuda.is_available()

# one hand-labelled member per community: the instructor, the president and two others
SEED_NODES = [0, 33, 8, 24]
SEED_LABELS = [0, 1, 2, 3]

adj, features, labels = load_karate()
model = GCN(nfeat=features.shape[1], nhid=args.hidden, nclass=4, dropout=0.2)
optimizer = optim.Adam(model.parameters(), lr=args.lr, weight_decay=5e-4)

if args.cuda:
    model.cuda()
    features = features.cuda()
    adj = adj.cuda()
    labels = labels.cuda()

t_total = time.time()
for epoch in range(args.epochs):
    model.train()
    optimizer.zero_grad()
    output = model(features, adj)
    loss_train = seed_loss(output, SEED_NODES, SEED_LABELS)
    loss_train.backward()
    optimizer.step()
    if epoch % 50 == 0:
        print(f"epoch {epoch:04d} loss {loss_train.item():.4f} acc {accuracy(output, labels).item():.4f}")

model.eval()
with torch.no_grad():
    embeddings = model.embed(features, adj).cpu().numpy()
np.save("karate_embeddings.npy", embeddings)
print(f"done in {time.time() - t_total:.1f}s")
