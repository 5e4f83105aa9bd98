# source: https://github.com/Lightning-AI/pytorch-lightning/issues/4713
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Evaluate a 5-member deep ensemble on CIFAR-10 (in-distribution) and SVHN (OOD)."""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from ensemble import DeepEnsemble

TF = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,) * 3, (0.5,) * 3)])


def load_members(ensemble, ckpt_pattern="checkpoints/member_{}.pt"):
    for i, member in enumerate(ensemble.members):
        member.load_state_dict(torch.load(ckpt_pattern.format(i), map_location="cpu"))
    return ensemble


def run(ensemble, loader, device):
    ensemble.reset_metrics()
    ensemble.to(device).eval()
    uncertainties = []
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        uncertainties.append(ensemble.evaluate_batch(images, labels).cpu())
    return ensemble.compute_metrics(), torch.cat(uncertainties)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ensemble = load_members(DeepEnsemble(n_members=5))
    cifar = DataLoader(datasets.CIFAR10("data", train=False, download=True, transform=TF), batch_size=256)
    svhn = DataLoader(datasets.SVHN("data", split="test", download=True, transform=TF), batch_size=256)
    in_metrics, in_unc = run(ensemble, cifar, device)
    ood_metrics, ood_unc = run(ensemble, svhn, device)
    print("CIFAR-10", in_metrics, "mean epistemic", in_unc.mean().item())
    print("SVHN    ", ood_metrics, "mean epistemic", ood_unc.mean().item())
