# source: https://github.com/easezyc/Multitask-Recommendation-Library/issues/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-in-plain-container
# shape: class, loader-loop, batch-dict
# bug-lines: 35, 47
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def mlp(in_dim, dims, dropout=0.2):
    layers = []
    for d in dims:
        layers += [nn.Linear(in_dim, d), nn.BatchNorm1d(d), nn.ReLU(), nn.Dropout(dropout)]
        in_dim = d
    return nn.Sequential(*layers)


class PLEModel(nn.Module):
    """Progressive Layered Extraction with shared and task-specific experts."""

    def __init__(self, field_dims, num_dim, embed_dim, task_num, shared_experts, specific_experts):
        super().__init__()
        self.embedding = nn.Embedding(sum(field_dims), embed_dim)
        self.numerical = nn.Linear(num_dim, embed_dim)
        in_dim = (len(field_dims) + 1) * embed_dim
        self.task_num, self.n_spec = task_num, specific_experts
        self.shared = nn.ModuleList([mlp(in_dim, [256, 128]) for _ in range(shared_experts)])
        self.specific = nn.ModuleList(
            [nn.ModuleList([mlp(in_dim, [256, 128]) for _ in range(specific_experts)]) for _ in range(task_num)]
        )
        n_gate_out = shared_experts + specific_experts
        self.task_gates = [nn.Sequential(nn.Linear(in_dim, n_gate_out), nn.Softmax(dim=1)) for _ in range(task_num)]
        self.towers = nn.ModuleList([mlp(128, [64]) for _ in range(task_num)])
        self.heads = nn.ModuleList([nn.Linear(64, 1) for _ in range(task_num)])

    def forward(self, categorical, numerical):
        emb = self.embedding(categorical)
        num = self.numerical(numerical).unsqueeze(1)
        x = torch.cat([emb, num], dim=1).flatten(1)
        shared_out = [e(x) for e in self.shared]
        results = []
        for t in range(self.task_num):
            experts = torch.stack(shared_out + [e(x) for e in self.specific[t]], dim=1)
            weights = self.task_gates[t](x).unsqueeze(1)
            fused = torch.bmm(weights, experts).squeeze(1)
            results.append(torch.sigmoid(self.heads[t](self.towers[t](fused)).squeeze(1)))
        return results


def train_epoch(model, loader, optimizer, device):
    criterion = nn.BCELoss()
    model.train()
    for batch in loader:
        cat, num, labels = (batch["cat"].to(device), batch["num"].to(device), batch["labels"].to(device))
        preds = model(cat, num)
        loss = sum(criterion(preds[i], labels[:, i].float()) for i in range(labels.size(1)))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def collate(rows):
    cat, num, labels = zip(*rows)
    return {"cat": torch.stack(cat), "num": torch.stack(num), "labels": torch.stack(labels)}


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    field_dims, n = [20, 30, 50], 2048
    cats = torch.stack([torch.randint(0, d, (n,)) + off for d, off in zip(field_dims, [0, 20, 50])], dim=1)
    data = TensorDataset(cats, torch.randn(n, 8), torch.randint(0, 2, (n, 2)))
    loader = DataLoader(data, batch_size=256, shuffle=True, collate_fn=collate)
    model = PLEModel(field_dims, 8, 16, task_num=2, shared_experts=4, specific_experts=4).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    train_epoch(model, loader, optimizer, device)
