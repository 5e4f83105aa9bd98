# source: https://github.com/zhongyy/Face-Transformer/issues/37
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument index in method wrapper_CUDA_scatter__value)
# pattern: current-gpu-mismatch
# shape: class, loader-loop
# bug-lines: 27
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms, models


class CosFaceHead(nn.Module):
    def __init__(self, in_features, num_classes, s=64.0, m=0.35):
        super().__init__()
        self.s, self.m = s, m
        self.weight = nn.Parameter(torch.empty(num_classes, in_features))
        nn.init.xavier_uniform_(self.weight)

    def forward(self, embeddings, label):
        cosine = F.linear(F.normalize(embeddings), F.normalize(self.weight))
        phi = cosine - self.m
        one_hot = torch.zeros(cosine.size()).cuda()
        one_hot.scatter_(1, label.view(-1, 1).long(), 1)
        logits = one_hot * phi + (1.0 - one_hot) * cosine
        return logits * self.s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/casia_112")
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--num-classes", type=int, default=10572)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    tfm = transforms.Compose([transforms.Resize((112, 112)), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder(args.data, tfm), batch_size=128,
                        shuffle=True, num_workers=4)

    backbone = models.resnet18(num_classes=512).to(device)
    head = CosFaceHead(512, args.num_classes).to(device)
    optimizer = torch.optim.SGD(list(backbone.parameters()) + list(head.parameters()),
                                lr=0.1, momentum=0.9)
    criterion = nn.CrossEntropyLoss()

    for step, (images, labels) in enumerate(loader):
        images, labels = images.to(device), labels.to(device)
        logits = head(backbone(images), labels)
        loss = criterion(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 100 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
