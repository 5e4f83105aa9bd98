# source: https://github.com/pytorch/pytorch/issues/61704
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-added-after-placement
# shape: multi-file, helper, loader-loop, batch-dict
# looks-like: module-added-after-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader

from dataset import CLASSES, HelmetDataset, collate
from model import build_detector, count_trainable


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="data/helmets")
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_detector(num_classes=len(CLASSES))
    model.to(device)
    print(f"trainable parameters: {count_trainable(model):,}")

    loader = DataLoader(HelmetDataset(args.root), batch_size=8, shuffle=True,
                        num_workers=4, collate_fn=collate)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=0.01, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[8, 11], gamma=0.1)

    for epoch in range(args.epochs):
        model.train()
        running = 0.0
        for images, targets in loader:
            images = [img.to(device) for img in images]
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            loss_dict = model(images, targets)
            loss = sum(loss_dict.values())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        scheduler.step()
        print(f"epoch {epoch}: mean loss {running / len(loader):.4f}")
        torch.save(model.state_dict(), f"helmet_frcnn_e{epoch}.pth")


if __name__ == "__main__":
    main()
