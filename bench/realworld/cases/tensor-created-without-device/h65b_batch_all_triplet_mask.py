# source: https://github.com/NegatioN/OnlineMiningTripletLoss/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class, loader-loop
# bug-lines: 27, 31
# needs: torch
# cpu: no written where torch was not installed; not run
"""Batch-all triplet loss for metric learning (online mining over every valid triplet)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def pairwise_distances(embeddings, squared=False):
    dot = embeddings @ embeddings.t()
    sq_norm = torch.diag(dot)
    dist = (sq_norm.unsqueeze(0) - 2.0 * dot + sq_norm.unsqueeze(1)).clamp(min=0)
    if not squared:
        zero_mask = dist.eq(0).float()
        dist = torch.sqrt(dist + zero_mask * 1e-16) * (1.0 - zero_mask)
    return dist


def valid_triplet_mask(labels):
    """mask[a, p, n] is True when a, p, n are distinct, y[a] == y[p] and y[a] != y[n]."""
    n = labels.size(0)
    not_eye = ~torch.eye(n, dtype=torch.bool)
    distinct = not_eye.unsqueeze(2) & not_eye.unsqueeze(1) & not_eye.unsqueeze(0)
    same = labels.unsqueeze(0) == labels.unsqueeze(1)
    valid_labels = same.unsqueeze(2) & ~same.unsqueeze(1)
    return valid_labels & distinct


class BatchAllTripletLoss(nn.Module):
    def __init__(self, margin=0.2, squared=False):
        super().__init__()
        self.margin = margin
        self.squared = squared

    def forward(self, embeddings, labels):
        dist = pairwise_distances(embeddings, self.squared)
        loss = dist.unsqueeze(2) - dist.unsqueeze(1) + self.margin
        mask = valid_triplet_mask(labels)
        loss = F.relu(loss * mask.float())
        num_positive = (loss > 1e-16).sum().float()
        fraction_positive = num_positive / (mask.sum().float() + 1e-16)
        return loss.sum() / (num_positive + 1e-16), fraction_positive


def train_epoch(model, loader, optimizer, device, margin=0.2):
    criterion = BatchAllTripletLoss(margin=margin)
    model.train()
    for step, (imgs, pids) in enumerate(loader):
        imgs, pids = imgs.to(device), pids.to(device)
        emb = F.normalize(model(imgs), dim=1)
        loss, frac_pos = criterion(emb, pids)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            print(f"step {step}: loss {loss.item():.4f}, positive triplets {frac_pos.item():.2%}")


if __name__ == "__main__":
    from torchvision import datasets, models, transforms

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
    train_set = datasets.ImageFolder("data/cub200/train", tf)
    loader = torch.utils.data.DataLoader(train_set, batch_size=64, shuffle=True, drop_last=True)
    model = models.resnet50(weights="IMAGENET1K_V2")
    model.fc = nn.Linear(2048, 128)
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    for epoch in range(30):
        train_epoch(model, loader, optimizer, device)
