# source: https://github.com/kornia/kornia/pull/224
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA_gather)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# needs: torch, torchvision, pandas, pillow
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn as nn
import torchvision
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

from losses import FocalLoss, class_balanced_alpha

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
NUM_CLASSES = 5
EPOCHS = 10

TRAIN_TFM = transforms.Compose([
    transforms.RandomResizedCrop(384, scale=(0.6, 1.0)),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
    transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])


class CassavaDataset(Dataset):
    def __init__(self, df, image_dir, transform):
        self.paths = [f"{image_dir}/{name}" for name in df["image_id"]]
        self.labels = df["label"].values
        self.transform = transform

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        image = Image.open(self.paths[idx]).convert("RGB")
        return self.transform(image), int(self.labels[idx])


def train_epoch(model, loader, criterion, optimizer):
    model.train()
    running = 0.0
    for step, (images, labels) in enumerate(loader):
        images = images.to(DEVICE, non_blocking=True)
        labels = labels.to(DEVICE, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        running += loss.item()
        if step % 100 == 0:
            print(f"step {step}: loss {running / (step + 1):.4f}")
    return running / len(loader)


def main():
    df = pd.read_csv("input/cassava-leaf-disease-classification/train.csv")
    counts = df["label"].value_counts().sort_index().tolist()
    criterion = FocalLoss(alpha=class_balanced_alpha(counts), gamma=2.0).to(DEVICE)

    model = torchvision.models.resnet34(weights=None)
    model.fc = nn.Linear(model.fc.in_features, NUM_CLASSES)
    model.to(DEVICE)

    dataset = CassavaDataset(df, "input/cassava-leaf-disease-classification/train_images", TRAIN_TFM)
    loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=4, pin_memory=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-4)
    for epoch in range(EPOCHS):
        loss = train_epoch(model, loader, criterion, optimizer)
        print(f"epoch {epoch}: train focal loss {loss:.4f}")
        torch.save(model.state_dict(), f"resnet34_focal_epoch{epoch}.pth")


if __name__ == "__main__":
    main()
