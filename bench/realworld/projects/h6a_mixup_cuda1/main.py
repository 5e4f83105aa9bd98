# source: https://github.com/raoyongming/DynamicViT/issues/44
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument index in method wrapper_scatter__value)
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# needs: torch, torchvision, timm
# cpu: no written where torch was not installed; not run
import argparse

import timm
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from engine import train_one_epoch
from mixup import Mixup


class SoftTargetCrossEntropy(torch.nn.Module):
    def forward(self, x, target):
        return torch.sum(-target * torch.log_softmax(x, dim=-1), dim=-1).mean()


def main():
    parser = argparse.ArgumentParser("DeiT-S fine-tuning with token pruning")
    parser.add_argument("--data_path", default="/data/imagenet")
    parser.add_argument("--device", default="cuda", help="device to use, e.g. cuda:1")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch_size", type=int, default=128)
    parser.add_argument("--mixup", type=float, default=0.8)
    args = parser.parse_args()

    device = torch.device(args.device)
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(),
                             transforms.ToTensor(),
                             transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
    train_set = datasets.ImageFolder(f"{args.data_path}/train", transform=tf)
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        num_workers=8, pin_memory=True, drop_last=True)

    model = timm.create_model("deit_small_patch16_224", pretrained=True, num_classes=1000)
    model.to(device)
    mixup_fn = Mixup(mixup_alpha=args.mixup, num_classes=1000) if args.mixup > 0 else None
    criterion = SoftTargetCrossEntropy() if mixup_fn else torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.05)
    for epoch in range(args.epochs):
        train_one_epoch(model, criterion, loader, optimizer, device, epoch, mixup_fn=mixup_fn)
        torch.save(model.state_dict(), f"checkpoint_{epoch}.pth")


if __name__ == "__main__":
    main()
