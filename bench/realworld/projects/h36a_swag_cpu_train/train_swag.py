# source: https://github.com/wjmaddox/swa_gaussian/pull/12
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse
import copy

import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T

from swag_utils import bn_update, cross_entropy, moving_average, train_epoch


def make_model(num_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 8 * 8, num_classes))


def main():
    parser = argparse.ArgumentParser(description="SWA training (runs on CPU or GPU)")
    parser.add_argument("--data", default="./data")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--swa-start", type=int, default=20)
    parser.add_argument("--lr", type=float, default=0.05)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = T.Compose([T.RandomHorizontalFlip(), T.ToTensor()])
    train_set = torchvision.datasets.CIFAR10(args.data, train=True, download=True, transform=tf)
    loader = torch.utils.data.DataLoader(train_set, batch_size=128, shuffle=True,
                                         num_workers=2, pin_memory=device.type == "cuda")

    model = make_model().to(device)
    swa_model = copy.deepcopy(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    swa_n = 0
    for epoch in range(args.epochs):
        stats = train_epoch(loader, model, cross_entropy, optimizer)
        if epoch + 1 >= args.swa_start:
            moving_average(swa_model, model, 1.0 / (swa_n + 1))
            swa_n += 1
            bn_update(loader, swa_model)
        print(f"epoch {epoch}: loss {stats['loss']:.3f} acc {stats['accuracy']:.2f} swa_n {swa_n}")
    torch.save({"state_dict": swa_model.state_dict(), "swa_n": swa_n}, "swa_final.pt")


if __name__ == "__main__":
    main()
