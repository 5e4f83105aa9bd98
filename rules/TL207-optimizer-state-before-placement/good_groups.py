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


# The same weight-decay groups, the model placed before the state is restored.
class Trainer:
    def __init__(self, model, checkpoint):
        self.model = model.cuda()
        named = list(model.named_parameters())
        groups = [
            {"params": [p for n, p in named if not n.endswith("bias")], "weight_decay": 0.01},
            {"params": [p for n, p in named if n.endswith("bias")], "weight_decay": 0.0},
        ]
        self.optimizer = torch.optim.AdamW(groups, lr=1e-4)
        self.optimizer.load_state_dict(torch.load(checkpoint, map_location="cpu"))

    def train(self, batches):
        for images, masks in batches:
            nn.functional.cross_entropy(self.model(images.cuda()), masks.cuda()).backward()
            self.optimizer.step()


def finetune(checkpoint, batches):
    Trainer(Segmenter(), checkpoint).train(batches)


def per_parameter_groups(path, lr, batches):
    # The model is placed before its optimizer exists: the state loads beside it.
    model = Segmenter().cuda()
    groups = []
    for name, weight in dict(model.named_parameters()).items():
        decay = 0.0 if name.endswith("bias") else 1e-4
        groups += [{"params": [weight], "lr": lr, "weight_decay": decay}]
    optimizer = torch.optim.SGD(groups, momentum=0.9)
    optimizer.load_state_dict(torch.load(path, map_location="cpu"))
    for images, masks in batches:
        nn.functional.cross_entropy(model(images.cuda()), masks.cuda()).backward()
        optimizer.step()
