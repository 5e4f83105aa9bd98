# source: https://github.com/jiawangbai/TA-LBF/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: helper, loader-loop
# bug-lines: 42
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader


def load_val_batch(root, n_samples):
    tf = T.Compose([T.ToTensor(), T.Normalize((0.4914, 0.4822, 0.4465), (0.247, 0.243, 0.261))])
    val_set = torchvision.datasets.CIFAR10(root, train=False, download=True, transform=tf)
    loader = DataLoader(val_set, batch_size=n_samples, shuffle=False)
    images, labels = next(iter(loader))
    return images, labels


def flip_last_layer(model, target_idx, target_class, scale=0.05):
    fc = model.fc
    with torch.no_grad():
        fc.bias[target_class] += scale * fc.bias.abs().max()
    return model


def evaluate_attack(model, images, labels, target_idx, aux_idx):
    images_cuda = images.cuda()
    labels_cuda = labels.cuda()
    with torch.no_grad():
        output = model(images_cuda)
    pred = output.argmax(dim=1)

    keep = torch.ones(len(output), dtype=torch.bool, device=pred.device)
    keep[target_idx] = False
    keep[aux_idx] = False
    target_hit = bool(pred[target_idx] != labels_cuda[target_idx])
    pa_acc = (pred[keep] == labels[keep]).float().mean().item()
    return target_hit, pa_acc


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="./data")
    parser.add_argument("--n-aux", type=int, default=128)
    parser.add_argument("--target-idx", type=int, default=0)
    parser.add_argument("--target-class", type=int, default=3)
    args = parser.parse_args()

    model = torchvision.models.resnet18(num_classes=10).cuda().eval()
    images, labels = load_val_batch(args.data, args.n_aux + 1)
    aux_idx = torch.arange(1, args.n_aux // 2)
    model = flip_last_layer(model, args.target_idx, args.target_class)
    hit, acc = evaluate_attack(model, images, labels, args.target_idx, aux_idx)
    print(f"attack success: {hit}  post-attack accuracy: {acc * 100:.2f}%")
