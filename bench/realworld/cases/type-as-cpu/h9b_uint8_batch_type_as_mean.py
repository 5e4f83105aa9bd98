# source: https://github.com/Lightning-AI/pytorch-lightning/issues/3005
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: type-as-cpu
# shape: helper, loader-loop, batch-dict
# bug-lines: 34, 60
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Fine-tune a ResNet-18 on decoded uint8 frames coming straight from the video reader."""
import argparse

import torch
import torch.nn as nn
import torchvision
from torch.utils.data import DataLoader, Dataset

IMAGENET_MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
IMAGENET_STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


class FrameClipDataset(Dataset):
    """Each item is one decoded frame (uint8, CHW) plus its action label."""

    def __init__(self, frames, labels):
        self.frames, self.labels = frames, labels

    def __len__(self):
        return len(self.frames)

    def __getitem__(self, i):
        return {"frame": self.frames[i], "label": int(self.labels[i])}


def normalize_frames(frames):
    frames = frames.type_as(IMAGENET_MEAN).div_(255.0)
    return (frames - IMAGENET_MEAN) / IMAGENET_STD


def build_model(num_classes):
    net = torchvision.models.resnet18(weights=None)
    net.fc = nn.Linear(net.fc.in_features, num_classes)
    return net


def train(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    frames = torch.randint(0, 256, (512, 3, 112, 112), dtype=torch.uint8)
    labels = torch.randint(0, args.num_classes, (512,))
    loader = DataLoader(FrameClipDataset(frames, labels), batch_size=args.batch_size, shuffle=True)

    model = build_model(args.num_classes).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)

    for epoch in range(args.epochs):
        correct, seen = 0, 0
        for batch in loader:
            frames = batch["frame"].to(device, non_blocking=True)
            target = batch["label"].to(device)
            inputs = normalize_frames(frames)
            logits = model(inputs)
            loss = criterion(logits, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            correct += (logits.argmax(1) == target).sum().item()
            seen += target.numel()
        print(f"epoch {epoch}: loss={loss.item():.3f} acc={correct / seen:.3f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--num-classes", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=0.01)
    train(p.parse_args())
