# source: https://github.com/kitzeslab/opensoundscape/issues/438
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.models import resnet18

from data import BirdClipDataset
from losses import FrequencyWeightedBCE


def build_detector(n_species):
    net = resnet18(weights=None)
    net.conv1 = nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3, bias=False)
    net.fc = nn.Linear(net.fc.in_features, n_species)
    return net


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = BirdClipDataset("labels/train_clips.csv", "specs/train")
    loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4)

    model = build_detector(len(train_set.species)).to(device)
    criterion = FrequencyWeightedBCE(train_set.label_matrix()).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-2)

    for epoch in range(20):
        model.train()
        running = 0.0
        for specs, labels in loader:
            specs, labels = specs.to(device), labels.to(device)
            logits = model(specs)
            loss = criterion(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item() * specs.size(0)
        print(f"epoch {epoch}: loss {running / len(train_set):.4f}")


if __name__ == "__main__":
    main()
