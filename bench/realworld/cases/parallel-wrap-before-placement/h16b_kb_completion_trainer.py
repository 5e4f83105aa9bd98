# source: https://github.com/DeqingYang/CKBC/issues/6 https://github.com/ymcui/Chinese-LLaMA-Alpaca/issues/607
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: class, loader-loop, batch-dict
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class TripleScorer(nn.Module):
    def __init__(self, n_entities, n_relations, dim=200):
        super().__init__()
        self.ent = nn.Embedding(n_entities, dim)
        self.rel = nn.Embedding(n_relations, dim)
        self.proj = nn.Sequential(nn.Linear(3 * dim, dim), nn.Tanh(), nn.Linear(dim, 1))

    def forward(self, head, rel, tail):
        h, r, t = self.ent(head), self.rel(rel), self.ent(tail)
        return self.proj(torch.cat([h, r, t], dim=-1)).squeeze(-1)


class Trainer:
    def __init__(self, model, lr=1e-3, batch_size=512):
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.n_gpu = torch.cuda.device_count()
        self.batch_size = batch_size
        self.model = self._prepare(model)
        self.optim = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.loss_fn = nn.BCEWithLogitsLoss()

    def _prepare(self, model):
        if self.n_gpu > 1:
            return nn.DataParallel(model)
        return model.to(self.device)

    def _move(self, batch):
        return {k: v.to(self.device) for k, v in batch.items()}

    def train_epoch(self, dataset):
        self.model.train()
        total = 0.0
        loader = DataLoader(dataset, batch_size=self.batch_size, shuffle=True)
        for batch in loader:
            batch = self._move(batch)
            scores = self.model(batch["head"], batch["rel"], batch["tail"])
            loss = self.loss_fn(scores, batch["label"])
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            total += loss.item()
        return total / max(1, len(loader))


if __name__ == "__main__":
    n = 4096
    data = [{"head": torch.randint(0, 1000, ()), "rel": torch.randint(0, 30, ()),
             "tail": torch.randint(0, 1000, ()), "label": torch.rand(()).round()} for _ in range(n)]
    trainer = Trainer(TripleScorer(1000, 30))
    for epoch in range(3):
        print(epoch, trainer.train_epoch(data))
