# source: https://github.com/pytorch/examples/blob/main/imagenet/main.py
# what: the ImageNet example's single-node paths: for AlexNet/VGG-style models only
#   `model.features` is wrapped in DataParallel before model.cuda(); other models are
#   DataParallel(model).cuda(); the criterion is moved with .to(device); batches moved
#   with non_blocking=True; top-k accuracy; a checkpoint saved and resumed with
#   map_location; best_acc1 moved with .to(args.gpu) after loading.
# shrunk: an AlexNet-like and a ResNet-like model of a few channels on 32x32 random
#   images, 2 batches each; no torchvision.
import argparse
import os
import shutil
import tempfile

import torch
import torch.nn as nn


class TinyAlexNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, 2, 1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((2, 2))
        self.classifier = nn.Sequential(
            nn.Dropout(), nn.Linear(64, 32), nn.ReLU(inplace=True), nn.Linear(32, num_classes)
        )

    def forward(self, x):
        x = torch.flatten(self.avgpool(self.features(x)), 1)
        return self.classifier(x)


class TinyResNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(x + self.bn2(self.conv2(x)))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


def accuracy(output, target, topk=(1,)):
    with torch.no_grad():
        maxk, batch_size = max(topk), target.size(0)
        _, pred = output.topk(maxk, 1, True, True)
        pred = pred.t()
        correct = pred.eq(target.view(1, -1).expand_as(pred))
        res = []
        for k in topk:
            correct_k = correct[:k].reshape(-1).float().sum(0, keepdim=True)
            res.append(correct_k.mul_(100.0 / batch_size))
        return res


def save_checkpoint(state, is_best, filename):
    torch.save(state, filename)
    if is_best:
        shutil.copyfile(filename, filename + ".best")


def main_worker(arch, args):
    use_accel = torch.accelerator.is_available()
    device = torch.accelerator.current_accelerator() if use_accel else torch.device("cpu")
    model = TinyAlexNet() if arch == "alexnet" else TinyResNet()
    if device.type == "cuda":
        if arch.startswith("alexnet") or arch.startswith("vgg"):
            model.features = torch.nn.DataParallel(model.features)
            model.cuda()
        else:
            model = torch.nn.DataParallel(model).cuda()
    else:
        model.to(device)
    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(model.parameters(), 0.1, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
    data = torch.utils.data.TensorDataset(torch.randn(16, 3, 32, 32), torch.randint(0, 10, (16,)))
    train_loader = torch.utils.data.DataLoader(data, batch_size=8, shuffle=True, pin_memory=True)
    best_acc1 = torch.tensor(0.0)
    model.train()
    for images, target in train_loader:
        images = images.to(device, non_blocking=True)
        target = target.to(device, non_blocking=True)
        output = model(images)
        loss = criterion(output, target)
        acc1, acc5 = accuracy(output, target, topk=(1, 5))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(
            f"{arch}: loss {loss.item():.3f} acc@1 {acc1[0].item():.1f} acc@5 {acc5[0].item():.1f}"
        )
        best_acc1 = max(acc1[0].cpu(), best_acc1)
    scheduler.step()
    filename = os.path.join(tempfile.mkdtemp(), "checkpoint.pth.tar")
    state = {
        "arch": arch,
        "state_dict": model.state_dict(),
        "best_acc1": best_acc1,
        "optimizer": optimizer.state_dict(),
    }
    save_checkpoint(state, True, filename)
    # resume, as --resume does
    loc = f"{device.type}:{args.gpu}"
    checkpoint = torch.load(filename, map_location=loc)
    best_acc1 = checkpoint["best_acc1"].to(args.gpu)
    model.load_state_dict(checkpoint["state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    print(f"=> resumed '{arch}', best acc@1 {best_acc1.item():.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0)
    args = parser.parse_args()
    for arch in ("alexnet", "resnet18"):
        main_worker(arch, args)
