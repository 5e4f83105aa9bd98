# source: https://github.com/Cysu/open-reid/issues/97
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets import FakeData

from models import ResNetReID
from trainers import Trainer


class ReIDFolder(FakeData):
    """Stand-in for the Market-1501 loader: returns (img, fname, pid, camid)."""

    def __getitem__(self, index):
        img, pid = super().__getitem__(index)
        return img, "%05d.jpg" % index, int(pid), index % 6


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() and not args.cpu else "cpu")
    tf = transforms.Compose([transforms.Resize((256, 128)), transforms.ToTensor(),
                             transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    train_set = ReIDFolder(size=512, image_size=(3, 256, 128), num_classes=args.num_ids, transform=tf)
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                              num_workers=args.workers, drop_last=True)

    model = ResNetReID(args.num_ids, num_features=args.features).to(device)
    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9,
                                weight_decay=5e-4, nesterov=True)
    trainer = Trainer(model, criterion)
    for epoch in range(args.epochs):
        trainer.train(epoch, train_loader, optimizer)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Softmax loss re-ID training")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--features", type=int, default=256)
    parser.add_argument("--num-ids", type=int, default=751)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--cpu", action="store_true", help="train on CPU (e.g. Windows laptop)")
    main(parser.parse_args())
