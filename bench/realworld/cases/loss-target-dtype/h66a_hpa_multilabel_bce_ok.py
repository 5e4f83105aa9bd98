# source: https://github.com/fastai/fastai/issues/852
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: class, helper, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch, torchvision, numpy, pandas, pillow
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torchvision
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
NUM_CLASSES = 28
CHANNELS = ("red", "green", "blue", "yellow")


class ProteinDataset(Dataset):
    def __init__(self, df, image_dir, size=256):
        self.ids = df["Id"].tolist()
        self.targets = df["Target"].tolist()
        self.image_dir = image_dir
        self.tfm = transforms.Compose([transforms.Resize((size, size)), transforms.ToTensor()])

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, idx):
        planes = [self.tfm(Image.open(f"{self.image_dir}/{self.ids[idx]}_{c}.png")) for c in CHANNELS]
        target = np.zeros(NUM_CLASSES, dtype=np.float32)
        target[[int(t) for t in self.targets[idx].split()]] = 1.0
        return {"image": torch.cat(planes, dim=0), "target": torch.from_numpy(target)}


def macro_f1(probs, targets, threshold=0.4, eps=1e-9):
    preds = (probs > threshold).long()
    truth = targets.long()
    tp = (preds * truth).sum(0).float()
    precision = tp / (preds.sum(0).float() + eps)
    recall = tp / (truth.sum(0).float() + eps)
    return (2 * precision * recall / (precision + recall + eps)).mean().item()


def build_model():
    model = torchvision.models.resnet34(weights=None)
    model.conv1 = nn.Conv2d(4, 64, kernel_size=7, stride=2, padding=3, bias=False)
    model.fc = nn.Linear(model.fc.in_features, NUM_CLASSES)
    return model.to(DEVICE)


def main():
    df = pd.read_csv("input/human-protein-atlas-image-classification/train.csv")
    loader = DataLoader(ProteinDataset(df, "input/human-protein-atlas-image-classification/train"),
                        batch_size=32, shuffle=True, num_workers=4)
    model = build_model()
    criterion = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    for epoch in range(10):
        model.train()
        for batch in loader:
            images = batch["image"].to(DEVICE)
            targets = batch["target"].to(DEVICE)
            logits = model(images)
            loss = criterion(logits, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f} "
              f"batch macro-F1 {macro_f1(torch.sigmoid(logits.detach()), targets):.4f}")


if __name__ == "__main__":
    main()
