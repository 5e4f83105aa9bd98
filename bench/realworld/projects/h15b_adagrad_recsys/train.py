# source: https://github.com/Lightning-AI/pytorch-lightning/issues/6824 https://github.com/Lightning-AI/pytorch-lightning/pull/7277
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 33
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from engine import Trainer, build_optimizer
from model import WideAndDeep

CFG = {"optimizer": "adagrad", "lr": 0.05, "batch_size": 1024, "epochs": 3}


class Interactions(Dataset):
    def __init__(self, n=100_000, n_users=5000, n_items=2000):
        self.users = torch.randint(0, n_users, (n,))
        self.items = torch.randint(0, n_items, (n,))
        self.labels = torch.randint(0, 2, (n,)).float()

    def __len__(self):
        return len(self.users)

    def __getitem__(self, i):
        return {"user": self.users[i], "item": self.items[i], "label": self.labels[i]}


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = WideAndDeep(n_users=5000, n_items=2000)
    optimizer = build_optimizer(model, CFG)
    trainer = Trainer(model, optimizer, device)
    loader = DataLoader(Interactions(), batch_size=CFG["batch_size"], shuffle=True)
    trainer.fit(loader, epochs=CFG["epochs"])


if __name__ == "__main__":
    main()
