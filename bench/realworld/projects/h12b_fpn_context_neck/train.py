# source: https://github.com/open-mmlab/mmdetection/issues/638
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import glob

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from detector import RetinaStyleDetector


class CachedCocoCrops(Dataset):
    """Pre-resized 512x512 crops saved as .pt files with dense stride-4 targets."""

    def __init__(self, root):
        self.files = sorted(glob.glob(f"{root}/*.pt"))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        sample = torch.load(self.files[idx])
        return sample["image"].float() / 255.0, sample["cls_target"], sample["box_target"]


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RetinaStyleDetector(num_classes=80).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    loader = DataLoader(CachedCocoCrops("data/coco_crops"), batch_size=8, shuffle=True, num_workers=4)

    model.train()
    for epoch in range(12):
        for step, (images, cls_target, box_target) in enumerate(loader):
            images = images.to(device)
            cls_target = cls_target.to(device).float()
            box_target = box_target.to(device)
            cls_scores, bbox_preds = model(images)
            loss_cls = F.binary_cross_entropy_with_logits(cls_scores[0], cls_target)
            loss_box = F.smooth_l1_loss(bbox_preds[0], box_target)
            loss = loss_cls + loss_box
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
