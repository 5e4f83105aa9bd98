# source: https://github.com/pytorch/pytorch/issues/32100
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, torchvision
# cpu: no written where torch was not installed; not run
"""Score each member of a fold ensemble on the validation set and pick ensemble weights."""
import numpy as np
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


@torch.no_grad()
def member_outputs(model, loader, device):
    model.eval()
    probs, targets = [], []
    for images, labels in loader:
        logits = model(images.to(device))
        probs.append(logits.softmax(dim=1).cpu())
        targets.append(labels)
    return torch.cat(probs), torch.cat(targets)


def nll(probs, targets):
    return -torch.log(probs[torch.arange(len(targets)), targets].clamp_min(1e-8)).mean()


def ensemble_report(checkpoints, loader, device):
    report = {"acc": [], "nll": [], "probs": []}
    for path in checkpoints:
        model = models.efficientnet_b0(num_classes=5)
        model.load_state_dict(torch.load(path, map_location="cpu"))
        probs, targets = member_outputs(model.to(device), loader, device)
        report["acc"].append((probs.argmax(1) == targets).float().mean())
        report["nll"].append(nll(probs, targets))
        report["probs"].append(probs.numpy())
    inv = 1.0 / np.asarray(report["nll"])
    weights = inv / inv.sum()
    fused = np.tensordot(weights, np.stack(report["probs"]), axes=1)
    print("member acc:", np.round(np.mean(report["acc"]), 4), "weights:", np.round(weights, 3))
    print("ensemble acc:", (fused.argmax(1) == targets.numpy()).mean())
    return weights


if __name__ == "__main__":
    device = torch.device("cuda")
    tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder("data/val", tf), batch_size=64, num_workers=6)
    ensemble_report([f"fold{i}/best.pth" for i in range(5)], loader, device)
