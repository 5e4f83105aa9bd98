# source: https://github.com/JDAI-CV/fast-reid/issues/638
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# looks-like: current-gpu-mismatch
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Re-ID embedding training with batch-hard triplet loss on a user-selected GPU."""
import argparse

import torch
import torch.nn as nn
import torchvision


def batch_hard_triplet(emb, labels, margin=0.3):
    dist = torch.cdist(emb, emb)
    same = labels.unsqueeze(0) == labels.unsqueeze(1)
    hardest_pos = (dist * same.float()).max(dim=1).values
    hardest_neg = (dist + 1e5 * same.float()).min(dim=1).values
    return torch.relu(hardest_pos - hardest_neg + margin).mean()


def build_model(num_ids, dim=512):
    backbone = torchvision.models.resnet50(weights=None)
    backbone.fc = nn.Linear(backbone.fc.in_features, dim)
    classifier = nn.Linear(dim, num_ids, bias=False)
    return backbone.cuda(), classifier.cuda()


def train(loader, num_ids, epochs=60):
    backbone, classifier = build_model(num_ids)
    params = list(backbone.parameters()) + list(classifier.parameters())
    optimizer = torch.optim.Adam(params, lr=3.5e-4, weight_decay=5e-4)
    xent = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        for images, pids in loader:
            images, pids = images.cuda(non_blocking=True), pids.cuda(non_blocking=True)
            emb = backbone(images)
            loss = xent(classifier(emb), pids) + batch_hard_triplet(emb, pids)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.3f}")
    return backbone


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--data", default="data/market1501/bounding_box_train_by_id")
    args = parser.parse_args()
    torch.cuda.set_device(args.gpu)
    tf = torchvision.transforms.Compose([torchvision.transforms.Resize((256, 128)),
                                         torchvision.transforms.ToTensor()])
    dataset = torchvision.datasets.ImageFolder(args.data, transform=tf)
    loader = torch.utils.data.DataLoader(dataset, batch_size=64, shuffle=True,
                                         num_workers=4, pin_memory=True, drop_last=True)
    train(loader, len(dataset.classes))


if __name__ == "__main__":
    main()
