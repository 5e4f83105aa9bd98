import numpy as np
import torch
import torchvision
from torch.utils.data import DataLoader, Dataset


class ShelfDataset(Dataset):
    def __init__(self, records):
        self.records = records

    def __len__(self):
        return len(self.records)

    def __getitem__(self, index):
        pixels, boxes, classes = self.records[index]
        target = {
            "boxes": torch.as_tensor(boxes, dtype=torch.float32),
            # class ids read from a float column, kept float
            "labels": torch.as_tensor(np.asarray(classes), dtype=torch.float32),  # expect: TL104:23 lines=34
        }
        return torch.as_tensor(pixels, dtype=torch.float32) / 255.0, target


def train_detector(records, device="cuda"):
    model = torchvision.models.detection.retinanet_resnet50_fpn(num_classes=5).to(device)
    loader = DataLoader(
        ShelfDataset(records), batch_size=4, collate_fn=lambda batch: tuple(zip(*batch))
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=0.005, momentum=0.9)
    model.train()
    for images, targets in loader:
        images = [image.to(device) for image in images]
        targets = [{key: value.to(device) for key, value in t.items()} for t in targets]
        losses = model(images, targets)
        total = sum(losses.values())
        optimizer.zero_grad()
        total.backward()
        optimizer.step()
