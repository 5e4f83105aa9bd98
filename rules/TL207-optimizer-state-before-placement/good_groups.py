# The same groups, the model moved before the optimizer restores its state there.
import torch
import torch.nn as nn


def build_optimizer(model, lr):
    groups = [
        {"params": model.backbone.parameters(), "lr": lr},
        {"params": model.head.parameters(), "lr": lr * 10},
    ]
    return torch.optim.SGD(groups, lr=lr, momentum=0.9)


class Segmenter(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Conv2d(3, 16, 3, padding=1)
        self.head = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        return self.head(self.backbone(x))


def resume(path):
    model = Segmenter()
    optimizer = build_optimizer(model, 0.01)
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"])
    model = model.cuda()
    optimizer.load_state_dict(state["optimizer"])
    return model, optimizer


def train(path, batches):
    model, optimizer = resume(path)
    for images, masks in batches:
        loss = nn.functional.cross_entropy(model(images.cuda()), masks.cuda())
        loss.backward()
        optimizer.step()
