# source: https://github.com/kkirchheim/pytorch-ood/issues/25
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# needs: torch, torchvision, scikit-learn
# cpu: no written where torch was not installed; not run
"""Evaluate CIFAR-10 (in-dist) vs SVHN (OOD) with a SimCLR encoder and kNN distances."""
import argparse

import torch
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from detector import KNNDetector
from encoder import SimCLREncoder


def make_loader(ds, bs=256):
    return DataLoader(ds, batch_size=bs, shuffle=False, num_workers=4, pin_memory=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="checkpoints/simclr_r18_cifar10.pt")
    parser.add_argument("--root", default="./data")
    parser.add_argument("--k", type=int, default=50)
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    tfm = transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)),
    ])
    id_train = datasets.CIFAR10(args.root, train=True, download=True, transform=tfm)
    id_test = datasets.CIFAR10(args.root, train=False, download=True, transform=tfm)
    ood_test = datasets.SVHN(args.root, split="test", download=True, transform=tfm)

    encoder = SimCLREncoder.from_checkpoint(args.ckpt).to(device)
    detector = KNNDetector(encoder, k=args.k, device=device).fit(make_loader(id_train))

    s_in = detector.predict(make_loader(id_test))
    s_out = detector.predict(make_loader(ood_test))
    labels = torch.cat([torch.zeros_like(s_in), torch.ones_like(s_out)])
    auroc = roc_auc_score(labels.numpy(), torch.cat([s_in, s_out]).numpy())
    print(f"AUROC (CIFAR-10 vs SVHN, k={args.k}): {auroc:.4f}")


if __name__ == "__main__":
    main()
