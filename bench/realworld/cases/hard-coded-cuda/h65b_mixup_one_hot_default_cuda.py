# source: https://github.com/huggingface/pytorch-image-models/pull/913
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA_scatter__value)
# pattern: hard-coded-cuda
# shape: helper, class, loader-loop
# bug-lines: 14, 16
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""Mixup + label smoothing for EfficientNet classification training (timm-style helpers)."""
import numpy as np
import torch
import torch.nn.functional as F


def one_hot(x, num_classes, on_value=1.0, off_value=0.0, device="cuda"):
    x = x.long().view(-1, 1)
    return torch.full((x.size(0), num_classes), off_value, device=device).scatter_(1, x, on_value)


def mixup_target(target, num_classes, lam=1.0, smoothing=0.0):
    off_value = smoothing / num_classes
    on_value = 1.0 - smoothing + off_value
    y1 = one_hot(target, num_classes, on_value=on_value, off_value=off_value)
    y2 = one_hot(target.flip(0), num_classes, on_value=on_value, off_value=off_value)
    return y1 * lam + y2 * (1.0 - lam)


class Mixup:
    def __init__(self, mixup_alpha=0.8, label_smoothing=0.1, num_classes=1000):
        self.mixup_alpha = mixup_alpha
        self.label_smoothing = label_smoothing
        self.num_classes = num_classes

    def __call__(self, x, target):
        assert len(x) % 2 == 0, "batch size should be even when using mixup"
        lam = float(np.random.beta(self.mixup_alpha, self.mixup_alpha))
        x_flipped = x.flip(0).mul_(1.0 - lam)
        x.mul_(lam).add_(x_flipped)
        target = mixup_target(target, self.num_classes, lam, self.label_smoothing)
        return x, target


def soft_target_cross_entropy(logits, target):
    return torch.sum(-target * F.log_softmax(logits, dim=-1), dim=-1).mean()


def train_one_epoch(model, loader, optimizer, mixup_fn, device):
    model.train()
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        images, soft_labels = mixup_fn(images, labels)
        loss = soft_target_cross_entropy(model(images), soft_labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    from torchvision import datasets, models, transforms

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])
    train_set = datasets.ImageFolder("data/flowers/train", tf)
    loader = torch.utils.data.DataLoader(train_set, batch_size=64, shuffle=True, drop_last=True)
    model = models.efficientnet_b0(num_classes=len(train_set.classes)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
    mixup_fn = Mixup(num_classes=len(train_set.classes))
    for epoch in range(10):
        print(epoch, train_one_epoch(model, loader, optimizer, mixup_fn, device))
