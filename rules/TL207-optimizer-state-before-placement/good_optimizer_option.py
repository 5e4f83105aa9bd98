import torch
from torch import nn


class Settings:
    # Adam makes its state at the first step, where the parameters are then.
    def __init__(self, lr=1e-3, device=None, optimizer=torch.optim.Adam):
        self.lr = lr
        self.device = device
        self.optimizer = optimizer


class Trainer:
    def __init__(self, model, settings):
        self.model = model
        self.settings = settings
        self.optimizer = settings.optimizer(model.parameters(), lr=settings.lr)

    def place(self):
        self.model.to(self.settings.device)

    def fit(self, batches):
        for x, y in batches:
            x, y = x.to(self.settings.device), y.to(self.settings.device)
            self.optimizer.zero_grad()
            nn.functional.mse_loss(self.model(x), y).backward()
            self.optimizer.step()


if __name__ == "__main__":
    trainer = Trainer(nn.Linear(4, 1), Settings(device=torch.device("cuda")))
    trainer.place()
    trainer.fit([(torch.randn(8, 4), torch.randn(8, 1))])
