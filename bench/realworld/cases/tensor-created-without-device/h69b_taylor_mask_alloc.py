# source: https://github.com/microsoft/nni/issues/4911
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, loader-loop, batch-dict
# bug-lines: 38, 39, 47, 49
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""First-order Taylor channel pruning: score filters on the GPU, then build and apply masks."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class TaylorFOChannelPruner:
    def __init__(self, model, sparsity=0.5):
        self.model = model
        self.sparsity = sparsity
        self.convs = {n: m for n, m in model.named_modules() if isinstance(m, nn.Conv2d) and m.groups == 1}
        self.metrics = {}

    def collect_metrics(self, loader, device, steps=50):
        self.model.train()
        for step, batch in enumerate(loader):
            if step >= steps:
                break
            images, targets = batch["image"].to(device), batch["label"].to(device)
            self.model.zero_grad()
            F.cross_entropy(self.model(images), targets).backward()
            for name, conv in self.convs.items():
                score = (conv.weight * conv.weight.grad).pow(2).sum(dim=(1, 2, 3)).detach()
                self.metrics[name] = self.metrics.get(name, 0) + score

    def compute_masks(self):
        masks = {}
        for name, metric in self.metrics.items():
            n_keep = max(1, int(metric.numel() * (1 - self.sparsity)))
            threshold = metric.topk(n_keep).values.min()
            mask = torch.zeros(metric.shape[0])
            mask[metric >= threshold] = 1.0
            masks[name] = mask
        return masks

    @torch.no_grad()
    def apply_masks(self, masks):
        for name, mask in masks.items():
            conv = self.convs[name]
            conv.weight.mul_(mask[:, None, None, None])
            if conv.bias is not None:
                conv.bias.mul_(mask)


def prune_model(model, loader, sparsity=0.5):
    device = next(model.parameters()).device
    pruner = TaylorFOChannelPruner(model, sparsity)
    pruner.collect_metrics(loader, device)
    masks = pruner.compute_masks()
    pruner.apply_masks(masks)
    return masks


if __name__ == "__main__":
    from torch.utils.data import DataLoader
    from torchvision import datasets, models, transforms

    class DictFolder(datasets.ImageFolder):
        def __getitem__(self, idx):
            image, label = super().__getitem__(idx)
            return {"image": image, "label": label}

    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])
    loader = DataLoader(DictFolder("data/train", tf), batch_size=64, shuffle=True, num_workers=8)
    net = models.resnet18(num_classes=len(loader.dataset.classes)).cuda()
    prune_model(net, loader, sparsity=0.3)
    torch.save(net.state_dict(), "resnet18_taylor30.pth")
