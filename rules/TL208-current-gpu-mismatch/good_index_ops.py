import argparse

import torch
import torch.nn.functional as F


# The same, with the smoothed targets made where the labels are.
def smooth_one_hot(labels, classes, eps=0.1):
    off = eps / (classes - 1)
    table = torch.full((labels.shape[0], classes), off, device=labels.device)
    return table.scatter_(1, labels[:, None], 1.0 - eps)


def lookup(table, ids):
    return table.index_select(0, ids.to(table.device))


def train_step(model, images, labels, args):
    device = torch.device(args.device)
    images, labels = images.to(device), labels.to(device)
    logits = model(images)
    soft = smooth_one_hot(labels, logits.shape[-1])
    loss = torch.sum(-soft * F.log_softmax(logits, dim=-1), dim=-1).mean()
    prototypes = torch.randn(10, 16).to(device)
    return loss, lookup(prototypes, torch.arange(4))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()
    net = torch.nn.Linear(16, 10).to(args.device)
    print(train_step(net, torch.randn(4, 16), torch.randint(0, 10, (4,)), args))
