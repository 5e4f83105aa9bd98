# source: https://github.com/twitter/the-algorithm-ml/pull/136
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class, batch-dict, loader-loop
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-task engagement ranker: shared MLP stack plus one logit head per task."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class FeedForwardStack(nn.Module):
    def __init__(self, in_features, layer_sizes, batch_norm=True, dropout=0.1):
        super().__init__()
        modules = []
        for size in layer_sizes[:-1]:
            modules.append(nn.Linear(in_features, size))
            if batch_norm:
                modules.append(nn.BatchNorm1d(size, momentum=0.01))
            modules.append(nn.ReLU())
            if dropout:
                modules.append(nn.Dropout(dropout))
            in_features = size
        modules.append(nn.Linear(in_features, layer_sizes[-1]))
        self.layers = nn.ModuleList(modules)

    def forward(self, x):
        shared = None
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i == 1:
                shared = x
        return {"output": x, "shared_layer": shared}


class MultiTaskRanker(nn.Module):
    def __init__(self, in_features, tasks, layer_sizes=(512, 256, 128)):
        super().__init__()
        self.tasks = list(tasks)
        self.backbone = FeedForwardStack(in_features, list(layer_sizes))
        self.heads = nn.ModuleDict({t: nn.Linear(layer_sizes[-1], 1) for t in self.tasks})

    def forward(self, features):
        h = torch.relu(self.backbone(features)["output"])
        return {t: self.heads[t](h).squeeze(-1) for t in self.tasks}


class EngagementLog(Dataset):
    def __init__(self, path, tasks):
        blob = torch.load(path, map_location="cpu")
        self.x, self.labels, self.tasks = blob["continuous"], blob["labels"], tasks

    def __len__(self):
        return self.x.shape[0]

    def __getitem__(self, i):
        return {"continuous": self.x[i], **{t: self.labels[t][i] for t in self.tasks}}


if __name__ == "__main__":
    tasks = ["fav", "reply", "retweet", "good_click"]
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(EngagementLog("data/engagements.pt", tasks), batch_size=1024, shuffle=True)
    model = MultiTaskRanker(in_features=2117, tasks=tasks).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    bce = nn.BCEWithLogitsLoss()
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        logits = model(batch["continuous"])
        loss = sum(bce(logits[t], batch[t].float()) for t in tasks)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
