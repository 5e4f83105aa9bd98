# source: https://github.com/pytorch/pytorch/issues/76752
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, loader-loop, batch-dict
# bug-lines: 39, 46, 55
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ClickDataset(Dataset):
    def __init__(self, n=128, n_feats=20):
        self.x = torch.randn(n, n_feats)
        self.y = (self.x.sum(1) > 0).float()

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return {"features": self.x[i], "label": self.y[i]}


class WideModel(nn.Module):
    def __init__(self, n_feats=20):
        super().__init__()
        self.linear = nn.Linear(n_feats, 1)

    def forward(self, x):
        return self.linear(x).squeeze(-1)


class Trainer:
    def __init__(self, model, config):
        self.model = model
        self.config = config
        self.device = torch.device(config.get("device", "cuda" if torch.cuda.is_available() else "cpu"))
        self.optimizer = self.configure_optimizer()
        self.loss_fn = nn.BCEWithLogitsLoss()

    def configure_optimizer(self):
        return torch.optim.Adagrad(self.model.parameters(), lr=self.config["lr"])

    def fit(self, loader):
        self.model.to(self.device)
        self.model.train()
        for epoch in range(self.config["epochs"]):
            for batch in loader:
                batch = {k: v.to(self.device) for k, v in batch.items()}
                self.optimizer.zero_grad()
                logits = self.model(batch["features"])
                loss = self.loss_fn(logits, batch["label"])
                loss.backward()
                self.optimizer.step()
            print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    cfg = {"lr": 0.05, "epochs": 2}
    trainer = Trainer(WideModel(), cfg)
    trainer.fit(DataLoader(ClickDataset(), batch_size=16, shuffle=True))
