# source: https://github.com/facebookresearch/dino/issues/135
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 38
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Weighted k-NN evaluation of a frozen DINO ViT-S/16 on an ImageFolder split."""
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


@torch.no_grad()
def extract_features(backbone, loader, device):
    feats, labels = [], []
    for images, targets in loader:
        images = images.to(device, non_blocking=True)
        emb = backbone(images)
        feats.append(F.normalize(emb, dim=1))
        labels.append(targets.to(device, non_blocking=True))
    return torch.cat(feats), torch.cat(labels)


@torch.no_grad()
def weighted_knn(train_feats, train_labels, test_feats, test_labels,
                 num_classes, k=20, temperature=0.07, chunk=512):
    correct = 0
    for start in range(0, test_feats.shape[0], chunk):
        queries = test_feats[start:start + chunk]
        targets = test_labels[start:start + chunk]
        sims = queries @ train_feats.T
        top_sims, top_idx = sims.topk(k, dim=1)
        neighbour_labels = train_labels[top_idx]
        votes = torch.zeros(queries.shape[0], num_classes)
        weights = (top_sims / temperature).exp()
        votes.scatter_add_(1, neighbour_labels, weights)
        correct += (votes.argmax(dim=1) == targets).sum().item()
    return 100.0 * correct / test_feats.shape[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/datasets/imagenette2")
    parser.add_argument("--k", type=int, default=20)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tfm = transforms.Compose([
        transforms.Resize(256, interpolation=3),
        transforms.CenterCrop(224),
        transforms.ToTensor(),
        transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
    ])
    train_set = datasets.ImageFolder(f"{args.data}/train", tfm)
    val_set = datasets.ImageFolder(f"{args.data}/val", tfm)
    train_loader = DataLoader(train_set, batch_size=128, num_workers=8)
    val_loader = DataLoader(val_set, batch_size=128, num_workers=8)

    backbone = torch.hub.load("facebookresearch/dino:main", "dino_vits16")
    backbone = backbone.to(device).eval()

    train_feats, train_labels = extract_features(backbone, train_loader, device)
    val_feats, val_labels = extract_features(backbone, val_loader, device)
    acc = weighted_knn(train_feats, train_labels, val_feats, val_labels,
                       num_classes=len(train_set.classes), k=args.k)
    print(f"{args.k}-NN top-1: {acc:.2f}")


if __name__ == "__main__":
    main()
