# source: https://github.com/Louis-udm/VGCN-BERT/pull/20
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: helper, loader-loop, top-level
# bug-lines: 46, 56
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import numpy as np
import scipy.sparse as sp
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def class_weights(labels: np.ndarray, num_classes: int) -> np.ndarray:
    counts = np.bincount(labels, minlength=num_classes).astype(np.float64)
    return counts.sum() / (num_classes * np.maximum(counts, 1.0))


def sparse_to_torch(mx: sp.coo_matrix) -> torch.Tensor:
    idx = torch.from_numpy(np.vstack([mx.row, mx.col]).astype(np.int64))
    vals = torch.from_numpy(mx.data.astype(np.float32))
    return torch.sparse_coo_tensor(idx, vals, mx.shape)


class VocabGCNClassifier(nn.Module):
    def __init__(self, vocab_adj, vocab_size, hidden, num_classes):
        super().__init__()
        self.adj = vocab_adj
        self.w0 = nn.Linear(vocab_size, hidden)
        self.cls = nn.Linear(hidden, num_classes)

    def forward(self, doc_bow):
        h = torch.sparse.mm(self.adj, doc_bow.t()).t()
        return self.cls(F.relu(self.w0(h)))


train_bow = np.load("data/train_bow.npy").astype(np.float32)
train_y = np.load("data/train_labels.npy").astype(np.int64)
vocab_adj = sparse_to_torch(sp.load_npz("data/vocab_npmi.npz").tocoo()).to(device)
num_classes = int(train_y.max()) + 1

loss_weight = torch.tensor(class_weights(train_y, num_classes)).to(device)
model = VocabGCNClassifier(vocab_adj, train_bow.shape[1], 256, num_classes).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(TensorDataset(torch.from_numpy(train_bow), torch.from_numpy(train_y)),
                    batch_size=64, shuffle=True)

for epoch in range(10):
    for bow, label_ids in loader:
        bow, label_ids = bow.to(device), label_ids.to(device)
        logits = model(bow)
        loss = F.cross_entropy(logits, label_ids, loss_weight)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
