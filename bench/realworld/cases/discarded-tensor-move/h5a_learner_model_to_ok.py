# source: https://github.com/fastai/fastbook/pull/220
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: class, helper
# looks-like: discarded-tensor-move
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def simple_cnn(n_out=10):
    return nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
                         nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, n_out))


class Learner:
    def __init__(self, model, device):
        self.model = model
        self.device = device

    def place(self):
        self.model.to(self.device)
        return self

    def one_batch(self, bs=8):
        x = torch.rand(bs, 3, 64, 64)
        y = torch.randint(0, 10, (bs,))
        x, y = x.to(self.device), y.to(self.device)
        return x, y


def activations(learn):
    x, y = learn.one_batch()
    hooks = []
    feats = []
    hooks.append(learn.model[2].register_forward_hook(lambda m, i, o: feats.append(o)))
    learn.model(x)
    for h in hooks:
        h.remove()
    return feats[0].shape, y.device


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    learn = Learner(simple_cnn(), device)
    learn.place()
    print(activations(learn))
