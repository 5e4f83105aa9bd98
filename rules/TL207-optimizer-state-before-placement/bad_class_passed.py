import torch
from torch import nn
from torch.optim import Adagrad


class Fitter:
    # The optimizer class is the caller's choice; this one makes its state as it is
    # built, before the model is moved.
    def __init__(self, net, make_optimizer=torch.optim.SGD, lr=0.01, device="cpu"):
        self.net = net
        self.optimizer = make_optimizer(self.net.parameters(), lr=lr)
        self.device = torch.device(device)
        self.net.to(self.device)  # expect: TL207:9 lines=11,19

    def fit_batch(self, x, y):
        loss = nn.functional.binary_cross_entropy_with_logits(self.net(x.to(self.device)), y.to(self.device))
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()


def train(batches):
    fitter = Fitter(nn.Linear(16, 1), make_optimizer=Adagrad, device="cuda")
    for x, y in batches:
        fitter.fit_batch(x, y)
