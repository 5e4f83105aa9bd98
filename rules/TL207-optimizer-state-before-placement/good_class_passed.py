import torch
from torch import nn
from torch.optim import Adagrad


class Fitter:
    # Moved first, then the optimizer is built over the placed parameters.
    def __init__(self, net, make_optimizer=torch.optim.SGD, lr=0.01, device="cpu"):
        self.device = torch.device(device)
        self.net = net.to(self.device)
        self.optimizer = make_optimizer(self.net.parameters(), lr=lr)

    def fit_batch(self, x, y):
        loss = nn.functional.binary_cross_entropy_with_logits(self.net(x.to(self.device)), y.to(self.device))
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()


def train(batches):
    fitter = Fitter(nn.Linear(16, 1), make_optimizer=Adagrad, device="cuda")
    for x, y in batches:
        fitter.fit_batch(x, y)


def train_sgd(batches):
    # SGD makes no state before its first step: the move comes in time.
    model = nn.Linear(16, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    model.to("cuda")
    for x, y in batches:
        nn.functional.mse_loss(model(x.to("cuda")), y.to("cuda")).backward()
        opt.step()
