# source: https://github.com/yassouali/pytorch-segmentation/issues/80
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument index in method wrapper_CUDA_scatter__value)
# pattern: current-gpu-mismatch
# shape: helper, class, loader-loop
# bug-lines: 18
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Person re-id softmax baseline; card 0 is busy, so training runs on --gpu 1."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import datasets, models, transforms


def make_one_hot(labels, num_classes):
    one_hot = torch.zeros(labels.size(0), num_classes).cuda()
    return one_hot.scatter_(1, labels.unsqueeze(1), 1.0)


class CrossEntropyLabelSmooth(nn.Module):
    """Cross entropy with label smoothing, as in the bag-of-tricks re-id baseline."""

    def __init__(self, num_classes, epsilon=0.1):
        super().__init__()
        self.num_classes = num_classes
        self.epsilon = epsilon

    def forward(self, logits, targets):
        log_probs = F.log_softmax(logits, dim=1)
        targets = make_one_hot(targets, self.num_classes)
        targets = (1 - self.epsilon) * targets + self.epsilon / self.num_classes
        return (-targets * log_probs).sum(dim=1).mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/market1501/bounding_box_train_by_id")
    parser.add_argument("--gpu", type=int, default=1, help="index of the card to train on")
    parser.add_argument("--epochs", type=int, default=60)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    tf = transforms.Compose([transforms.Resize((256, 128)), transforms.RandomHorizontalFlip(),
                             transforms.ToTensor()])
    train_set = datasets.ImageFolder(args.data, tf)
    loader = torch.utils.data.DataLoader(train_set, batch_size=64, shuffle=True, num_workers=8)

    model = models.resnet50(weights="IMAGENET1K_V2")
    model.fc = nn.Linear(2048, len(train_set.classes))
    model = model.to(device)
    criterion = CrossEntropyLabelSmooth(len(train_set.classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=3.5e-4, weight_decay=5e-4)

    for epoch in range(args.epochs):
        model.train()
        for imgs, pids in loader:
            imgs, pids = imgs.to(device), pids.to(device)
            loss = criterion(model(imgs), pids)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.3f}")
        torch.save(model.state_dict(), f"resnet50_market_ep{epoch}.pth")


if __name__ == "__main__":
    main()
