# source: https://github.com/pytorch/pytorch/issues/61704
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-added-after-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 47
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import json
import os

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision.models.detection import fasterrcnn_resnet50_fpn_v2
from torchvision.models.detection.faster_rcnn import FastRCNNPredictor
from torchvision.transforms.functional import to_tensor

device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


class PotholeDataset(Dataset):
    def __init__(self, root):
        self.root = root
        with open(os.path.join(root, "annotations.json")) as fh:
            self.records = json.load(fh)

    def __len__(self):
        return len(self.records)

    def __getitem__(self, idx):
        rec = self.records[idx]
        image = to_tensor(Image.open(os.path.join(self.root, rec["file"])).convert("RGB"))
        target = {
            "boxes": torch.tensor(rec["boxes"], dtype=torch.float32),
            "labels": torch.ones(len(rec["boxes"]), dtype=torch.int64),
        }
        return image, target


def collate(batch):
    return tuple(zip(*batch))


def build_model(num_classes):
    model = fasterrcnn_resnet50_fpn_v2(weights="DEFAULT").to(device)
    in_features = model.roi_heads.box_predictor.cls_score.in_features
    model.roi_heads.box_predictor = FastRCNNPredictor(in_features, num_classes)
    return model


def train(root, num_classes=2, epochs=10):
    loader = DataLoader(PotholeDataset(root), batch_size=4, shuffle=True, collate_fn=collate)
    model = build_model(num_classes)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=0.005, momentum=0.9, weight_decay=0.0005)
    lr_scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.1)
    for epoch in range(epochs):
        model.train()
        for images, targets in loader:
            images = [img.to(device) for img in images]
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            loss_dict = model(images, targets)
            losses = sum(loss for loss in loss_dict.values())
            optimizer.zero_grad()
            losses.backward()
            optimizer.step()
        lr_scheduler.step()
        print(f"epoch {epoch}: loss {losses.item():.4f}")
    return model


if __name__ == "__main__":
    trained = train("data/potholes")
    torch.save(trained.state_dict(), "fasterrcnn_potholes.pth")
