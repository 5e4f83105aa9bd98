# source: https://github.com/amdegroot/ssd.pytorch/issues/536
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop
# bug-lines: 47
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader, Dataset

from multibox_loss import MultiBoxLoss
from ssd_lite import SSDLite


class RandomBoxes(Dataset):
    """Stand-in for VOCDetection: an image and an [n_obj, 5] (x1, y1, x2, y2, label) target."""

    def __init__(self, length, num_classes):
        self.length, self.num_classes = length, num_classes

    def __len__(self):
        return self.length

    def __getitem__(self, idx):
        image = torch.rand(3, 300, 300)
        xy = torch.rand(2, 2).sort(dim=0).values
        box = torch.tensor([[xy[0, 0], xy[0, 1], xy[1, 0], xy[1, 1]]])
        label = torch.randint(0, self.num_classes - 1, (1, 1)).float()
        return image, torch.cat([box, label], dim=1)


def detection_collate(batch):
    return torch.stack([b[0] for b in batch]), [b[1] for b in batch]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-classes", type=int, default=21)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SSDLite(args.num_classes).to(device)
    criterion = MultiBoxLoss(args.num_classes, 0.5, 3)
    optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    loader = DataLoader(RandomBoxes(256, args.num_classes), batch_size=args.batch_size,
                        shuffle=True, collate_fn=detection_collate)

    net.train()
    for step, (images, targets) in enumerate(loader):
        images = images.to(device)
        targets = [t.to(device) for t in targets]
        loss_l, loss_c = criterion(net(images), targets)
        loss = loss_l + loss_c
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0:
            print(f"step {step}: loc {loss_l.item():.3f} conf {loss_c.item():.3f}")


if __name__ == "__main__":
    main()
