# source: https://github.com/facebookresearch/ClassyVision/pull/69
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# looks-like: hard-coded-cuda
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""ResNet-50 ImageNet-style training with CutMix and soft-target cross entropy."""
import numpy as np
import torch
import torch.nn.functional as F
from torchvision import datasets, models, transforms


def convert_to_one_hot(targets, num_classes, on_value=1.0):
    """Convert class indices to a one-hot tensor living wherever the targets live."""
    assert targets.dim() == 1, "targets should be a 1-D tensor of class indices"
    one_hot = torch.zeros(targets.size(0), num_classes, device=targets.device)
    return one_hot.scatter_(1, targets.long().unsqueeze(1), on_value)


def cutmix(images, targets, num_classes, alpha=1.0):
    lam = np.random.beta(alpha, alpha)
    perm = torch.randperm(images.size(0), device=images.device)
    h, w = images.shape[-2:]
    cut_h, cut_w = int(h * np.sqrt(1 - lam)), int(w * np.sqrt(1 - lam))
    cy, cx = np.random.randint(h), np.random.randint(w)
    y1, y2 = np.clip(cy - cut_h // 2, 0, h), np.clip(cy + cut_h // 2, 0, h)
    x1, x2 = np.clip(cx - cut_w // 2, 0, w), np.clip(cx + cut_w // 2, 0, w)
    images[:, :, y1:y2, x1:x2] = images[perm, :, y1:y2, x1:x2]
    lam = 1 - ((y2 - y1) * (x2 - x1) / (h * w))
    one_hot = convert_to_one_hot(targets, num_classes)
    return images, lam * one_hot + (1 - lam) * one_hot[perm]


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    use_cuda = device.type == "cuda"
    if use_cuda:
        torch.backends.cudnn.benchmark = True
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(),
                             transforms.ToTensor()])
    train_set = datasets.ImageFolder("data/imagenette/train", tf)
    loader = torch.utils.data.DataLoader(train_set, batch_size=128, shuffle=True, num_workers=8,
                                         pin_memory=use_cuda)
    num_classes = len(train_set.classes)
    model = models.resnet50(num_classes=num_classes).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    for epoch in range(90):
        model.train()
        for images, targets in loader:
            images = images.to(device, non_blocking=use_cuda)
            targets = targets.to(device, non_blocking=use_cuda)
            images, soft_targets = cutmix(images, targets, num_classes)
            loss = torch.sum(-soft_targets * F.log_softmax(model(images), dim=1), dim=1).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
