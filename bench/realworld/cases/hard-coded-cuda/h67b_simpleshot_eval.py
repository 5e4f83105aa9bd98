# source: https://github.com/mileyan/simple_shot/issues/2
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# bug-lines: 30, 48
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""SimpleShot evaluation: nearest-centroid few-shot classification on frozen features."""
import argparse

import torch
import torch.nn.functional as F
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms


def build_backbone(num_classes, ckpt, device):
    model = torchvision.models.resnet18(num_classes=num_classes)
    state = torch.load(ckpt, map_location=device)
    model.load_state_dict(state["state_dict"] if "state_dict" in state else state)
    model.fc = torch.nn.Identity()
    return model.to(device).eval()


@torch.no_grad()
def extract_features(model, loader):
    feats, labels = [], []
    for images, targets in loader:
        feats.append(model(images.cuda(non_blocking=True)).cpu())
        labels.append(targets)
    return torch.cat(feats), torch.cat(labels)


def centroid_accuracy(feats, labels, way=5, shot=1, query=15, episodes=600):
    feats = F.normalize(feats - feats.mean(0, keepdim=True), dim=1)
    classes = labels.unique()
    accs = []
    for _ in range(episodes):
        picked = classes[torch.randperm(len(classes))[:way]]
        support, queries, q_lab = [], [], []
        for i, c in enumerate(picked):
            idx = (labels == c).nonzero().squeeze(1)
            idx = idx[torch.randperm(len(idx))[: shot + query]]
            support.append(feats[idx[:shot]].mean(0))
            queries.append(feats[idx[shot:]])
            q_lab.append(torch.full((query,), i))
        dists = torch.cdist(torch.cat(queries).cuda(), torch.stack(support).cuda())
        accs.append((dists.argmin(1).cpu() == torch.cat(q_lab)).float().mean().item())
    return sum(accs) / len(accs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/mini-imagenet/test")
    parser.add_argument("--ckpt", default="results/mini/softmax/resnet18/model_best.pth.tar")
    parser.add_argument("--num_classes", type=int, default=64)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Resize(92), transforms.CenterCrop(84), transforms.ToTensor()])
    test_set = torchvision.datasets.ImageFolder(args.data, transform=tf)
    loader = DataLoader(test_set, batch_size=128, shuffle=False, num_workers=4)
    model = build_backbone(args.num_classes, args.ckpt, device)
    feats, labels = extract_features(model, loader)
    print("5-way 1-shot acc: %.4f" % centroid_accuracy(feats, labels))


if __name__ == "__main__":
    main()
