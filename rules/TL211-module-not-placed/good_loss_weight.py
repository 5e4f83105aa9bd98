import torch
import torch.nn as nn


def weights_moved(model, loader, weights, device):
    model.to(device)
    # the weight tensor goes to the device with the loss, or is made there
    ce = nn.CrossEntropyLoss(weight=torch.tensor(weights).to(device))
    nll = nn.NLLLoss(weight=torch.tensor(weights, device=device))
    bce = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0])).to(device)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        logits = model(x)
        print(ce(logits, y), nll(logits.log_softmax(-1), y), bce(logits[:, 0], y.float()))


class Classifier(nn.Module):
    def __init__(self, weights):
        super().__init__()
        self.fc = nn.Linear(16, len(weights))
        # a submodule: the model's move takes its weight buffer along
        self.loss = nn.CrossEntropyLoss(weight=torch.tensor(weights))

    def forward(self, x, y):
        return self.loss(self.fc(x), y)


def in_module(loader, device):
    model = Classifier([1.0, 2.0, 0.5]).to(device)
    for x, y in loader:
        model(x.to(device), y.to(device)).backward()


def on_the_cpu(model, loader):
    # no device anywhere: the loss and its inputs stay on the CPU together
    ce = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 4.0]))
    for x, y in loader:
        ce(model(x), y).backward()


def unknown_weights(model, loader, weights, device):
    # a weight tensor handed in: where it lives is the caller's business
    ce = nn.CrossEntropyLoss(weight=weights)
    model.to(device)
    for x, y in loader:
        ce(model(x.to(device)), y.to(device)).backward()
