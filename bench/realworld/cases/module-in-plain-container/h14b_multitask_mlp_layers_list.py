# source: https://github.com/LianpoWang/SLIIF/issues/36
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class, loader-loop
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

TASKS = {"sentiment": 3, "topic": 12, "toxicity": 2}


class SharedMLP(nn.Module):
    def __init__(self, in_dim, hidden_list, tasks=TASKS):
        super().__init__()
        layers = []
        last = in_dim
        for hidden in hidden_list:
            layers.append(nn.Linear(last, hidden))
            layers.append(nn.GELU())
            last = hidden
        self.trunk = nn.Sequential(*layers)
        self.task_names = list(tasks)
        self.heads = nn.ModuleList([nn.Linear(last, n) for n in tasks.values()])

    def forward(self, x):
        feats = self.trunk(x)
        return {name: head(feats) for name, head in zip(self.task_names, self.heads)}


def multitask_loss(outputs, targets):
    losses = [nn.functional.cross_entropy(outputs[name], targets[:, i]) for i, name in enumerate(outputs)]
    return torch.stack(losses).sum()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SharedMLP(768, [512, 256]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    targets = torch.stack([torch.randint(0, n, (1024,)) for n in TASKS.values()], dim=1)
    loader = DataLoader(TensorDataset(torch.randn(1024, 768), targets), batch_size=64, shuffle=True)
    for epoch in range(3):
        for feats, y in loader:
            feats, y = feats.to(device), y.to(device)
            loss = multitask_loss(model(feats), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: {loss.item():.4f}")
