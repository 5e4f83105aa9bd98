# source: https://github.com/lucidrains/byol-pytorch/pull/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: multi-file, class, loader-loop
# bug-lines: 42
# needs: torch, torchvision, timm
# cpu: no written where torch was not installed; not run
"""Self-supervised BYOL pre-training of a timm ViT-S/16 on unlabeled images."""
import argparse

import timm
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from learner import BYOLLearner


class TwoViews:
    def __init__(self, size=224):
        self.t = transforms.Compose([
            transforms.RandomResizedCrop(size, scale=(0.2, 1.0)),
            transforms.RandomHorizontalFlip(),
            transforms.RandomApply([transforms.ColorJitter(0.4, 0.4, 0.2, 0.1)], p=0.8),
            transforms.RandomGrayscale(p=0.2),
            transforms.ToTensor(),
            transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
        ])

    def __call__(self, img):
        return self.t(img), self.t(img)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/datasets/unlabeled")
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()

    device = torch.device("cuda")
    backbone = timm.create_model("vit_small_patch16_224", pretrained=False, num_classes=0).to(device)
    learner = BYOLLearner(backbone, feat_dim=backbone.num_features, proj_dim=256)
    optimizer = torch.optim.AdamW(
        [p for p in learner.parameters() if p.requires_grad], lr=1.5e-4, weight_decay=0.05
    )
    loader = DataLoader(datasets.ImageFolder(args.data, TwoViews()), batch_size=128,
                        shuffle=True, num_workers=8, drop_last=True, pin_memory=True)

    for epoch in range(args.epochs):
        for (v1, v2), _ in loader:
            v1, v2 = v1.to(device, non_blocking=True), v2.to(device, non_blocking=True)
            loss = learner(v1, v2)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            learner.update_target()
        print(f"epoch {epoch}: byol loss {loss.item():.4f}")
        torch.save(backbone.state_dict(), f"byol_vits16_ep{epoch}.pth")


if __name__ == "__main__":
    main()
