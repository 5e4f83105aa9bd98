# source: https://github.com/Zzh-tju/ultralytics-YOLOv3-Cluster-NMS/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader, Dataset

from loss import compute_loss
from models import TinyYOLO


class RandomBoxes(Dataset):
    def __init__(self, n=64, img_size=416, nc=20):
        self.n, self.img_size, self.nc = n, img_size, nc

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        img = torch.randint(0, 255, (3, self.img_size, self.img_size), dtype=torch.uint8)
        k = 3
        labels = torch.zeros(k, 6)
        labels[:, 1] = torch.randint(0, self.nc, (k,)).float()
        labels[:, 2:4] = torch.rand(k, 2) * 0.8 + 0.1
        labels[:, 4:6] = torch.rand(k, 2) * 0.3 + 0.05
        return img, labels

    @staticmethod
    def collate_fn(batch):
        imgs, labels = zip(*batch)
        for i, l in enumerate(labels):
            l[:, 0] = i
        return torch.stack(imgs, 0), torch.cat(labels, 0)


def train(opt):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = TinyYOLO(nc=opt.nc).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=opt.lr, momentum=0.937)
    loader = DataLoader(RandomBoxes(nc=opt.nc), batch_size=opt.batch_size,
                        shuffle=True, collate_fn=RandomBoxes.collate_fn)
    for epoch in range(opt.epochs):
        model.train()
        for i, (imgs, targets) in enumerate(loader):
            imgs = imgs.to(device).float() / 255.0
            targets = targets.to(device)
            pred = model(imgs)
            loss, loss_items = compute_loss(pred, targets, model)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            print(epoch, i, loss_items.tolist())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--nc", type=int, default=20)
    train(parser.parse_args())
