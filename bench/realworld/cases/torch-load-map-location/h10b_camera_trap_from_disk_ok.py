# source: https://github.com/drivendataorg/zamba/pull/272
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# shape: class, helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

SPECIES = ["antelope_duiker", "bird", "blank", "chimpanzee", "elephant", "gorilla", "hog", "leopard", "monkey"]


class SpeciesClassifier(nn.Module):
    def __init__(self, num_classes=len(SPECIES)):
        super().__init__()
        self.backbone = models.efficientnet_b0(weights=None)
        in_features = self.backbone.classifier[1].in_features
        self.backbone.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(in_features, num_classes))

    def forward(self, x):
        return self.backbone(x)

    def to_disk(self, path, epoch):
        torch.save({"epoch": epoch, "state_dict": self.state_dict(), "species": SPECIES}, path)

    @classmethod
    def from_disk(cls, path):
        # always deserialize on CPU; the caller decides which device the model runs on
        checkpoint = torch.load(path, map_location="cpu")
        model = cls(num_classes=len(checkpoint["species"]))
        model.load_state_dict(checkpoint["state_dict"])
        return model


def predict_folder(model, folder, device, batch_size=32):
    tf = transforms.Compose([transforms.Resize((240, 426)), transforms.ToTensor(),
                             transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    dataset = datasets.ImageFolder(folder, transform=tf)
    loader = DataLoader(dataset, batch_size=batch_size, num_workers=4)
    rows = []
    model.eval()
    with torch.no_grad():
        for images, _ in loader:
            probs = model(images.to(device)).softmax(dim=1).cpu()
            rows.extend(probs.tolist())
    return [(os.path.basename(p), SPECIES[max(range(len(r)), key=r.__getitem__)])
            for (p, _), r in zip(dataset.samples, rows)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    parser.add_argument("folder")
    parser.add_argument("--gpus", type=int, default=1 if torch.cuda.is_available() else 0)
    args = parser.parse_args()
    device = torch.device("cuda:0" if args.gpus > 0 else "cpu")
    model = SpeciesClassifier.from_disk(args.checkpoint).to(device)
    for name, label in predict_folder(model, args.folder, device):
        print(f"{name},{label}")
