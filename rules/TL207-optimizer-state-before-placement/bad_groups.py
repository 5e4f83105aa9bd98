# An optimizer over parameter groups (a higher learning rate for the head) restores
# its state while the model is still on the CPU; the model is moved afterwards.
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
    optimizer.load_state_dict(state["optimizer"])
    model = model.cuda()  # expect: TL207:13 lines=30,40
    return model, optimizer


def train(path, batches):
    model, optimizer = resume(path)
    for images, masks in batches:
        loss = nn.functional.cross_entropy(model(images.cuda()), masks.cuda())
        loss.backward()
        optimizer.step()


# The weight-decay groups of a fine-tuning script, picked by parameter name: the
# state is restored in the trainer's constructor, the model placed in train().
class Trainer:
    def __init__(self, model, checkpoint):
        self.model = model
        named = list(model.named_parameters())
        groups = [
            {"params": [p for n, p in named if not n.endswith("bias")], "weight_decay": 0.01},
            {"params": [p for n, p in named if n.endswith("bias")], "weight_decay": 0.0},
        ]
        self.optimizer = torch.optim.AdamW(groups, lr=1e-4)
        self.optimizer.load_state_dict(torch.load(checkpoint, map_location="cpu"))

    def train(self, batches):
        self.model.cuda()  # expect: TL207:9 lines=54,60
        for images, masks in batches:
            nn.functional.cross_entropy(self.model(images.cuda()), masks.cuda()).backward()
            self.optimizer.step()


def finetune(checkpoint, batches):
    Trainer(Segmenter(), checkpoint).train(batches)


# One group per parameter (its own learning rate and decay), listed from
# ``dict(model.named_parameters())``; resumed before ``.cuda()``.
def per_parameter_groups(path, lr, batches):
    model = Segmenter()
    groups = []
    for name, weight in dict(model.named_parameters()).items():
        decay = 0.0 if name.endswith("bias") else 1e-4
        groups += [{"params": [weight], "lr": lr, "weight_decay": decay}]
    optimizer = torch.optim.SGD(groups, momentum=0.9)
    optimizer.load_state_dict(torch.load(path, map_location="cpu"))
    model.cuda()  # expect: TL207:5 lines=76,80
    for images, masks in batches:
        nn.functional.cross_entropy(model(images.cuda()), masks.cuda()).backward()
        optimizer.step()


# Groups appended one parameter at a time, a bias doubling its rate.
def doubled_bias_rate(net, lr):
    groups = []
    for name, param in net.named_parameters():
        if not param.requires_grad:
            continue
        if "bias" in name:
            groups.append({"params": [param], "lr": lr * 2, "weight_decay": 0})
        else:
            groups.append({"params": [param], "lr": lr, "weight_decay": 1e-4})
    return groups


def resume_detector(path, batches):
    net = Segmenter()
    optimizer = torch.optim.SGD(doubled_bias_rate(net, 0.01), momentum=0.9)
    optimizer.load_state_dict(torch.load(path, map_location="cpu")["optimizer"])
    net.cuda()  # expect: TL207:5 lines=99,103
    for images, masks in batches:
        nn.functional.cross_entropy(net(images.cuda()), masks.cuda()).backward()
        optimizer.step()
