# A trainer object builds the network on its device before the optimizer, and
# resumes both: the optimizer's state is loaded where the parameters already are.
import torch
from torch import nn


class Trainer:
    def __init__(self, device, checkpoint=None):
        self.network = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 2)).to(device)
        self.optimizer = torch.optim.AdamW(self.network.parameters(), lr=1e-3)
        if checkpoint is not None:
            self.network.load_state_dict(checkpoint["model"])
            self.optimizer.load_state_dict(checkpoint["optimizer"])

    def update(self, x, y):
        loss = nn.functional.cross_entropy(self.network(x), y)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()


if __name__ == "__main__":
    trainer = Trainer("cuda", torch.load("last.pt", map_location="cpu"))
    print(trainer.update(torch.randn(8, 16).cuda(), torch.randint(0, 2, (8,)).cuda()))
