# source: https://github.com/Dana-Farber-AIOS/pathml/issues/341
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-class dice + weighted CE loss for nucleus-type segmentation (PanNuke-style 6 classes)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def one_hot_masks(mask, n_classes):
    """mask: (B, H, W) long -> (B, C, H, W) float, built on the mask's device."""
    eye = torch.eye(n_classes, device=mask.device)
    return eye[mask].permute(0, 3, 1, 2)


def dice_loss(logits, mask, eps=1e-3):
    n_classes = logits.shape[1]
    probs = F.softmax(logits, dim=1)
    target = one_hot_masks(mask, n_classes).type_as(probs)
    dims = (0, 2, 3)
    inter = torch.sum(probs * target, dims)
    card = torch.sum(probs + target, dims)
    return 1.0 - ((2.0 * inter + eps) / (card + eps)).mean()


def class_weights(mask, n_classes):
    counts = torch.bincount(mask.flatten(), minlength=n_classes).float()
    weights = torch.zeros_like(counts)
    present = counts > 0
    weights[present] = counts.sum() / (n_classes * counts[present])
    return weights


def train(model, loader, device, n_classes=6, epochs=2):
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    for _ in range(epochs):
        for images, masks in loader:
            images = images.float().to(device)
            masks = masks.long().to(device)
            logits = model(images)
            ce = F.cross_entropy(logits, masks, weight=class_weights(masks, n_classes))
            loss = ce + dice_loss(logits, masks)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 6, 1)).to(device)
    data = TensorDataset(torch.rand(16, 3, 128, 128), torch.randint(0, 6, (16, 128, 128)))
    train(net, DataLoader(data, batch_size=4, shuffle=True), device)
