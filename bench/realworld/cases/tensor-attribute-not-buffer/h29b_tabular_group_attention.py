# source: https://github.com/dreamquark-ai/tabnet/issues/578
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 30, 42
# needs: torch
# cpu: no written where torch was not installed; not run
"""Attentive tabular encoder (TabNet-style) for a Kaggle tabular playground."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class AttentiveStep(nn.Module):
    def __init__(self, n_groups, n_d):
        super().__init__()
        self.fc = nn.Linear(n_d, n_groups, bias=False)
        self.bn = nn.BatchNorm1d(n_groups)

    def forward(self, priors, feat):
        a = self.bn(self.fc(feat)) * priors
        return torch.softmax(a, dim=-1)


class TabEncoder(nn.Module):
    def __init__(self, input_dim, n_d=16, n_steps=3, group_matrix=None):
        super().__init__()
        self.input_dim = input_dim
        # default: one group per feature
        self.group_attention_matrix = torch.eye(input_dim) if group_matrix is None else group_matrix
        n_groups = self.group_attention_matrix.shape[0]
        self.initial = nn.Linear(input_dim, n_d)
        self.steps = nn.ModuleList([AttentiveStep(n_groups, n_d) for _ in range(n_steps)])
        self.head = nn.Linear(n_d, 1)

    def forward(self, x):
        feat = torch.relu(self.initial(x))
        priors = torch.ones(x.shape[0], self.group_attention_matrix.shape[0], device=x.device)
        out = 0
        for step in self.steps:
            m = step(priors, feat)
            m_feat = torch.matmul(m, self.group_attention_matrix)
            feat = torch.relu(self.initial(x * m_feat))
            priors = priors * (1.3 - m)
            out = out + feat
        return self.head(out).squeeze(-1)


def train(model, loader, device, epochs=2):
    opt = torch.optim.Adam(model.parameters(), lr=2e-2)
    loss_fn = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = loss_fn(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    X = torch.randn(1024, 20)
    y = (X[:, 0] + X[:, 3] > 0).float()
    loader = DataLoader(TensorDataset(X, y), batch_size=128, shuffle=True)
    model = TabEncoder(input_dim=20).to(device)
    train(model, loader, device)
