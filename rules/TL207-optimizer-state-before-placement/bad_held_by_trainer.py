# A trainer object builds the network and its optimizer, and resumes both from a
# checkpoint on the CPU; the script moves the trainer's network afterwards, which
# leaves the optimizer's loaded state behind on the CPU.
import torch
from torch import nn


class Trainer:
    def __init__(self, checkpoint=None):
        self.network = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 2))
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
    trainer = Trainer(torch.load("last.pt", map_location="cpu"))
    trainer.network.cuda()  # expect: TL207:5 lines=14,20
    print(trainer.update(torch.randn(8, 16).cuda(), torch.randint(0, 2, (8,)).cuda()))
