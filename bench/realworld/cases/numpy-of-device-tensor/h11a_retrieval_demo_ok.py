# source: https://github.com/almazan/paiss/issues/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Image retrieval demo: embed a database with a ResNet and rank it for a query image."""
import argparse

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

TFM = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                          transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])


def load_backbone(device):
    net = models.resnet50(weights="IMAGENET1K_V2")
    net.fc = torch.nn.Identity()
    return net.to(device).eval()


def embed(model, images, device):
    with torch.no_grad():
        feats = F.normalize(model(images.to(device)), dim=1)
    return feats.cpu().numpy()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="oxford5k/jpg")
    parser.add_argument("--query", default="oxford5k/query/all_souls_1.jpg")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_backbone(device)
    db = datasets.ImageFolder(args.db, transform=TFM)
    loader = DataLoader(db, batch_size=32, shuffle=False, num_workers=4)

    db_feats, db_labels = [], []
    for images, labels in loader:
        db_feats.append(embed(model, images, device))
        db_labels.append(labels.numpy())
    db_feats = np.concatenate(db_feats)
    db_labels = np.concatenate(db_labels)

    query = TFM(Image.open(args.query).convert("RGB")).unsqueeze(0)
    q_feat = model(query.to(device)).detach().cpu().numpy()
    q_feat /= np.linalg.norm(q_feat, axis=1, keepdims=True)
    scores = db_feats @ q_feat[0]
    ranking = np.argsort(-scores)[:10]
    for rank, idx in enumerate(ranking):
        print(rank, db.samples[idx][0], db.classes[db_labels[idx]], round(float(scores[idx]), 3))


if __name__ == "__main__":
    main()
