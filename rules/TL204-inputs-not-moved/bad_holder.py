import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Learner:
    """What a training run needs, held together."""

    def __init__(self, model, opt, loaders):
        self.model, self.opt, self.loaders = model, opt, loaders


class Runner:
    @property
    def model(self):
        return self.learn.model

    def one_batch(self, xb, yb):
        loss = nn.functional.mse_loss(self.model(xb), yb)
        loss.backward()
        self.learn.opt.step()
        return loss.item()

    def fit(self, learn):
        self.learn = learn
        train, _ = self.learn.loaders
        return [self.one_batch(xb, yb) for xb, yb in train]  # expect: TL204:32 lines=33,21,38; TL204:36 lines=33,38,21


def loaders(n=64):
    data = TensorDataset(torch.randn(n, 8), torch.randn(n, 1))
    return DataLoader(data, batch_size=16, shuffle=True), DataLoader(data, batch_size=16)


if __name__ == "__main__":
    model = nn.Linear(8, 1).to(DEVICE)
    learn = Learner(model, torch.optim.SGD(model.parameters(), lr=0.1), loaders())
    print(Runner().fit(learn))
