# source: https://github.com/galilai-group/stable-pretraining/issues/379
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 21, 31
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""NNCLR-style pretraining: positives are swapped for their nearest neighbour in a support queue."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


class SupportQueue(nn.Module):
    def __init__(self, size=16384, dim=256):
        super().__init__()
        self.size = size
        self.ptr = 0
        self.bank = F.normalize(torch.randn(size, dim), dim=1)

    @torch.no_grad()
    def push(self, z):
        n = z.shape[0]
        idx = torch.arange(self.ptr, self.ptr + n) % self.size
        self.bank[idx] = z.detach()
        self.ptr = (self.ptr + n) % self.size

    def nearest(self, z):
        sim = torch.mm(F.normalize(z, dim=1), self.bank.t())
        return self.bank[sim.argmax(dim=1)]


class NNCLR(nn.Module):
    def __init__(self, dim=256):
        super().__init__()
        net = models.resnet18()
        net.fc = nn.Identity()
        self.backbone = net
        self.projector = nn.Sequential(nn.Linear(512, 2048), nn.ReLU(), nn.Linear(2048, dim))
        self.queue = SupportQueue(dim=dim)

    def forward(self, x1, x2, temperature=0.1):
        z1 = self.projector(self.backbone(x1))
        z2 = F.normalize(self.projector(self.backbone(x2)), dim=1)
        nn1 = self.queue.nearest(z1)
        logits = nn1 @ z2.t() / temperature
        loss = F.cross_entropy(logits, torch.arange(len(z1), device=z1.device))
        self.queue.push(F.normalize(z1, dim=1))
        return loss


def two_views(img):
    aug = transforms.Compose([transforms.RandomResizedCrop(96), transforms.ToTensor()])
    return aug(img), aug(img)


def main():
    device = torch.device("cuda")
    data = datasets.STL10("data", split="unlabeled", download=True, transform=two_views)
    loader = DataLoader(data, batch_size=256, shuffle=True, drop_last=True, num_workers=8)
    model = NNCLR().to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.06, momentum=0.9)
    for step, ((x1, x2), _) in enumerate(loader):
        loss = model(x1.to(device), x2.to(device))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 50 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
