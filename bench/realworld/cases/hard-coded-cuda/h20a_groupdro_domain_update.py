# source: https://github.com/facebookresearch/DomainBed/pull/30
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, loader-loop, batch-dict
# bug-lines: 35, 36
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import resnet18


class GroupDRO(nn.Module):
    """Reweights per-domain losses towards the worst domain (Sagawa et al. 2020)."""

    def __init__(self, num_classes, hparams):
        super().__init__()
        self.featurizer = resnet18(weights="DEFAULT")
        self.featurizer.fc = nn.Identity()
        self.classifier = nn.Linear(512, num_classes)
        self.hparams = hparams
        self.register_buffer("q", torch.Tensor())
        self.optimizer = torch.optim.Adam(self.parameters(), lr=hparams["lr"])

    def predict(self, x):
        return self.classifier(self.featurizer(x))

    def update(self, minibatches):
        if not len(self.q):
            self.q = torch.ones(len(minibatches)).cuda()
        losses = torch.zeros(len(minibatches)).cuda()
        for m, (x, y) in enumerate(minibatches):
            losses[m] = F.cross_entropy(self.predict(x), y)
            self.q[m] *= (self.hparams["eta"] * losses[m].data).exp()
        self.q /= self.q.sum()
        loss = torch.dot(losses, self.q)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return {"loss": loss.item()}


def domain_loaders(root, domains, batch_size):
    tfm = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
    return [DataLoader(datasets.ImageFolder(f"{root}/{d}", tfm), batch_size=batch_size,
                       shuffle=True, drop_last=True) for d in domains]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data_dir", default="data/PACS")
    parser.add_argument("--train_envs", nargs="+", default=["art_painting", "cartoon", "photo"])
    parser.add_argument("--steps", type=int, default=5000)
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    algorithm = GroupDRO(num_classes=7, hparams={"lr": 5e-5, "eta": 1e-2}).to(device)
    loaders = domain_loaders(args.data_dir, args.train_envs, batch_size=32)
    iterators = [iter(l) for l in loaders]
    for step in range(args.steps):
        minibatches = []
        for i, it in enumerate(iterators):
            try:
                x, y = next(it)
            except StopIteration:
                iterators[i] = iter(loaders[i])
                x, y = next(iterators[i])
            minibatches.append((x.to(device), y.to(device)))
        stats = algorithm.update(minibatches)
        if step % 100 == 0:
            print(f"step {step}: {stats}")
