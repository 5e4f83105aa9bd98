# source: https://github.com/fastai/fastai/issues/839
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 36, 48
# needs: torch, torchvision, pandas, pillow
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn as nn
import torchvision
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
NUM_GRADES = 5


class RetinaDataset(Dataset):
    """APTOS 2019 fundus images; `diagnosis` is the 0-4 severity grade."""

    def __init__(self, df, image_dir, transform):
        self.df = df.reset_index(drop=True)
        self.image_dir = image_dir
        self.transform = transform

    def __len__(self):
        return len(self.df)

    def __getitem__(self, idx):
        row = self.df.iloc[idx]
        image = Image.open(f"{self.image_dir}/{row.id_code}.png").convert("RGB")
        return {
            "image": self.transform(image),
            "target": torch.tensor(row.diagnosis, dtype=torch.float32),
        }


def train_one_epoch(model, loader, criterion, optimizer):
    model.train()
    total = 0.0
    for batch in loader:
        images = batch["image"].to(DEVICE)
        targets = batch["target"].to(DEVICE)
        optimizer.zero_grad()
        logits = model(images)
        loss = criterion(logits, targets)
        loss.backward()
        optimizer.step()
        total += loss.item() * images.size(0)
    return total / len(loader.dataset)


def main():
    df = pd.read_csv("input/aptos2019-blindness-detection/train.csv")
    tfm = transforms.Compose([
        transforms.Resize((320, 320)),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    loader = DataLoader(RetinaDataset(df, "input/aptos2019-blindness-detection/train_images", tfm),
                        batch_size=16, shuffle=True, num_workers=4)

    model = torchvision.models.resnet50(weights=None)
    model.fc = nn.Linear(model.fc.in_features, NUM_GRADES)
    model.to(DEVICE)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.05)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    for epoch in range(8):
        loss = train_one_epoch(model, loader, criterion, optimizer)
        print(f"epoch {epoch}: train loss {loss:.4f}")
        torch.save(model.state_dict(), f"aptos_r50_cls_epoch{epoch}.pth")


if __name__ == "__main__":
    main()
