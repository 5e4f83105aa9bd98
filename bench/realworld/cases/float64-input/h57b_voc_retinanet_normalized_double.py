# source: https://github.com/yatengLG/Retinanet-Pytorch/issues/17
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: loader-loop, batch-dict, helper
# bug-lines: 36, 53
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Train a RetinaNet-style detector on Pascal VOC (image list + xml boxes pre-parsed into .npy)."""
import numpy as np
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision.models.detection import retinanet_resnet50_fpn

MEAN = np.array([0.485, 0.456, 0.406])
STD = np.array([0.229, 0.224, 0.225])


def load_image(path, size=512):
    img = Image.open(path).convert("RGB").resize((size, size))
    img = np.asarray(img) / 255.0
    return (img - MEAN) / STD


class VOCBoxes(Dataset):
    def __init__(self, index_file):
        self.items = [line.split() for line in open(index_file)]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        img_path, ann_path = self.items[idx]
        img = load_image(img_path)
        ann = np.load(ann_path)  # (N, 5): x1, y1, x2, y2, label
        image = torch.from_numpy(img.transpose(2, 0, 1).copy())
        target = {
            "boxes": torch.as_tensor(ann[:, :4], dtype=torch.float32),
            "labels": torch.as_tensor(ann[:, 4], dtype=torch.int64),
        }
        return image, target


def collate(batch):
    return tuple(zip(*batch))


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    for images, targets in loader:
        images = [img.to(device) for img in images]
        targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
        loss_dict = model(images, targets)
        loss = sum(loss_dict.values())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = retinanet_resnet50_fpn(num_classes=21, image_mean=[0.0] * 3, image_std=[1.0] * 3,
                                   min_size=512, max_size=512).to(device)
    loader = DataLoader(VOCBoxes("VOC2007/trainval.txt"), batch_size=8, shuffle=True,
                        num_workers=4, collate_fn=collate)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    for epoch in range(12):
        train_one_epoch(model, loader, optimizer, device)
