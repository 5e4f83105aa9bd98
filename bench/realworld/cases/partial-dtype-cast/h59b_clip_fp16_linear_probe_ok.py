# source: https://github.com/jina-ai/clip-as-service/issues/800
# error: RuntimeError: expected scalar type Float but found Half
# pattern: partial-dtype-cast
# shape: loader-loop, helper
# looks-like: partial-dtype-cast
# needs: torch, open_clip, torchvision
# cpu: no written where torch was not installed; not run
import open_clip
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder


@torch.no_grad()
def extract_features(encoder, loader, device):
    feats, labels = [], []
    for images, targets in loader:
        images = images.to(device, dtype=torch.float16)
        f = encoder.encode_image(images)
        f = f / f.norm(dim=-1, keepdim=True)
        feats.append(f.float())
        labels.append(targets.to(device))
    return torch.cat(feats), torch.cat(labels)


def train_probe(feats, labels, num_classes, epochs=100, lr=1e-3):
    probe = nn.Linear(feats.shape[1], num_classes).to(feats.device)
    optimizer = torch.optim.AdamW(probe.parameters(), lr=lr, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss()
    for _ in range(epochs):
        for idx in torch.randperm(feats.shape[0], device=feats.device).split(1024):
            loss = criterion(probe(feats[idx]), labels[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return probe


if __name__ == "__main__":
    device = "cuda"
    model, _, preprocess = open_clip.create_model_and_transforms(
        "ViT-L-14-336", pretrained="openai", precision="fp16", device=device
    )
    model.eval()
    train_loader = DataLoader(ImageFolder("data/train", preprocess), batch_size=128, num_workers=8)
    val_loader = DataLoader(ImageFolder("data/val", preprocess), batch_size=128, num_workers=8)

    train_feats, train_labels = extract_features(model, train_loader, device)
    val_feats, val_labels = extract_features(model, val_loader, device)
    probe = train_probe(train_feats, train_labels, num_classes=len(train_loader.dataset.classes))
    with torch.no_grad():
        acc = (probe(val_feats).argmax(1) == val_labels).float().mean().item()
    print(f"linear probe top-1: {acc:.4f}")
