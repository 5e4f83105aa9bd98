# source: https://github.com/meta-pytorch/captum/issues/719
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# looks-like: legacy-tensor-constructor
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""Linear probe for 'account takeover' concept on embeddings of a transaction-sequence encoder."""
import numpy as np
import torch
import torch.nn as nn
from sklearn.linear_model import LogisticRegression
from torch.utils.data import DataLoader, TensorDataset


class SequenceEncoder(nn.Module):
    def __init__(self, n_features=10, d_model=48):
        super().__init__()
        self.rnn = nn.GRU(n_features, d_model, batch_first=True)

    def forward(self, seq):
        _, h = self.rnn(seq)
        return h[-1]


@torch.no_grad()
def embed(model, loader, device):
    chunks = []
    for (seq,) in loader:
        chunks.append(model(seq.to(device)))
    return torch.cat(chunks)


def probe_from_sklearn(clf, device):
    """Port a fitted sklearn probe into a torch Linear living next to the encoder."""
    probe = nn.Linear(clf.coef_.shape[1], clf.coef_.shape[0])
    weight = torch.FloatTensor(clf.coef_).to(device)
    bias = torch.FloatTensor(clf.intercept_).to(device)
    probe = probe.to(device)
    with torch.no_grad():
        probe.weight.copy_(weight)
        probe.bias.copy_(bias)
    return probe


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = SequenceEncoder().to(device).eval()
    seqs = torch.randn(600, 20, 10)
    concept = (torch.rand(600) < 0.3).numpy().astype(int)
    acts = embed(encoder, DataLoader(TensorDataset(seqs), batch_size=100), device)

    clf = LogisticRegression(max_iter=500).fit(acts.cpu().numpy(), concept)
    probe = probe_from_sklearn(clf, device)
    with torch.no_grad():
        scores = torch.sigmoid(probe(acts)).squeeze(1)
    print("probe agreement:", float(((scores > 0.5).cpu().numpy() == concept).mean()))
