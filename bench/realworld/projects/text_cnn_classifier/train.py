# source: https://github.com/Shawn1993/cnn-text-classification-pytorch/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from model import CNNText


def get_args():
    parser = argparse.ArgumentParser(description="CNN text classifier")
    parser.add_argument("-lr", type=float, default=0.001)
    parser.add_argument("-epochs", type=int, default=2)
    parser.add_argument("-batch-size", type=int, default=16)
    parser.add_argument("-dropout", type=float, default=0.5)
    parser.add_argument("-embed-dim", type=int, default=64)
    parser.add_argument("-kernel-num", type=int, default=32)
    parser.add_argument("-kernel-sizes", type=str, default="3,4,5")
    parser.add_argument("-static", action="store_true", default=False)
    parser.add_argument("-no-cuda", action="store_true", default=False)
    args = parser.parse_args()
    args.kernel_sizes = [int(k) for k in args.kernel_sizes.split(",")]
    args.cuda = (not args.no_cuda) and torch.cuda.is_available()
    args.embed_num = 5000
    args.class_num = 2
    return args


def train(train_iter, model, args):
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    model.train()
    for epoch in range(1, args.epochs + 1):
        for feature, target in train_iter:
            if args.cuda:
                feature, target = feature.cuda(), target.cuda()
            optimizer.zero_grad()
            logit = model(feature)
            loss = F.cross_entropy(logit, target)
            loss.backward()
            optimizer.step()
        corrects = (logit.argmax(1) == target).sum().item()
        print(f"epoch {epoch} loss {loss.item():.4f} acc {corrects}/{target.size(0)}")


if __name__ == "__main__":
    args = get_args()
    tokens = torch.randint(0, args.embed_num, (128, 40))
    labels = torch.randint(0, args.class_num, (128,))
    train_iter = DataLoader(TensorDataset(tokens, labels), batch_size=args.batch_size, shuffle=True)
    cnn = CNNText(args)
    if args.cuda:
        torch.cuda.set_device(0)
        cnn = cnn.cuda()
    train(train_iter, cnn, args)
