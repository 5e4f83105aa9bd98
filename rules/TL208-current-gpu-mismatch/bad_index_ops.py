import argparse

import torch
import torch.nn.functional as F


# Label smoothing for a run on --device: the smoothed targets are made on the
# current GPU, and the labels' indices, on the chosen one, are scattered into them.
def smooth_one_hot(labels, classes, eps=0.1):
    off = eps / (classes - 1)
    table = torch.full((labels.shape[0], classes), off, device="cuda")  # expect: TL208:13 lines=12,22
    return table.scatter_(1, labels[:, None], 1.0 - eps)


def lookup(table, ids):
    # index_select: the index must be where the table is
    return table.index_select(0, ids.cuda())  # expect: TL208:34 lines=17,26


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
