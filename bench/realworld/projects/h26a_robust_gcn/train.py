# source: https://github.com/DSE-MSU/DeepRobust/issues/74
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch

from model import GCN
from utils import accuracy, load_npz, to_tensor

parser = argparse.ArgumentParser()
parser.add_argument("--data", default="data/cora.npz")
parser.add_argument("--gpu", type=int, default=2)
parser.add_argument("--hidden", type=int, default=16)
parser.add_argument("--seed", type=int, default=15)
args = parser.parse_args()

np.random.seed(args.seed)
torch.manual_seed(args.seed)
device = torch.device(f"cuda:{args.gpu}" if torch.cuda.is_available() else "cpu")

adj, attr, labels = load_npz(args.data)
adj, features, labels = to_tensor(adj, attr, labels, device)
perm = np.random.permutation(labels.shape[0])
n_train, n_val = int(0.1 * len(perm)), int(0.1 * len(perm))
idx_train = torch.as_tensor(perm[:n_train], device=device)
idx_val = torch.as_tensor(perm[n_train:n_train + n_val], device=device)
idx_test = torch.as_tensor(perm[n_train + n_val:], device=device)

model = GCN(features.shape[1], args.hidden, int(labels.max()) + 1).to(device)
best_val = model.fit(features, adj, labels, idx_train, idx_val)
model.eval()
with torch.no_grad():
    output = model(features, adj)
print(f"val acc {best_val:.4f} test acc {accuracy(output[idx_test], labels[idx_test]):.4f}")
