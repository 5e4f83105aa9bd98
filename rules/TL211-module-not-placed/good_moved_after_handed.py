# The model is handed to a trainer first and moved in place afterwards: the trainer
# holds the same object, now on the device.
import torch
from torch import nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Trainer:
    def __init__(self, net, device):
        self.net, self.device = net, device

    def step(self, x):
        return self.net(x.to(self.device))


def train_with_trainer(batches):
    net = nn.Linear(16, 4)
    trainer = Trainer(net, device)
    net.to(device)
    for x in batches:
        trainer.step(x)
