# source: https://github.com/udacity/deep-learning-v2-pytorch/pull/131
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: loader-loop, helper
# looks-like: numpy-of-device-tensor
# needs: torch, torchvision, numpy, matplotlib
# cpu: no written where torch was not installed; not run
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import CIFAR10

CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
train_on_gpu = torch.cuda.is_available()


def imshow(img):
    img = img / 2 + 0.5
    plt.imshow(np.transpose(img, (1, 2, 0)))


def test(model, loader, criterion):
    class_correct, class_total = [0.0] * 10, [0.0] * 10
    test_loss = 0.0
    model.eval()
    with torch.no_grad():
        for data, target in loader:
            if train_on_gpu:
                data, target = data.cuda(), target.cuda()
            output = model(data)
            test_loss += criterion(output, target).item() * data.size(0)
            _, pred = torch.max(output, 1)
            correct_tensor = pred.eq(target.view_as(pred))
            correct = np.squeeze(correct_tensor.cpu().numpy())
            for i in range(target.size(0)):
                label = target[i].item()
                class_correct[label] += correct[i].item()
                class_total[label] += 1
    print(f"Test Loss: {test_loss / len(loader.dataset):.6f}")
    for i, name in enumerate(CLASSES):
        print(f"{name:>10s}: {100 * class_correct[i] / max(class_total[i], 1):.1f}%")


def show_predictions(model, loader):
    images, labels = next(iter(loader))
    if train_on_gpu:
        images = images.cuda()
    with torch.no_grad():
        preds = torch.max(model(images), 1)[1]
    preds = preds.cpu().numpy()
    images = images.cpu().numpy()
    fig = plt.figure(figsize=(25, 4))
    for idx in range(20):
        fig.add_subplot(2, 10, idx + 1, xticks=[], yticks=[])
        imshow(images[idx])
        color = "green" if preds[idx] == labels[idx].item() else "red"
        plt.title(f"{CLASSES[preds[idx]]} ({CLASSES[labels[idx]]})", color=color)
    plt.savefig("predictions.png")


if __name__ == "__main__":
    tfm = T.Compose([T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    test_loader = DataLoader(CIFAR10("data", train=False, download=True, transform=tfm), batch_size=20)
    model = nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 8 * 8, 10),
    )
    model.load_state_dict(torch.load("model_cifar.pt", map_location="cpu"))
    if train_on_gpu:
        model.cuda()
    test(model, test_loader, nn.CrossEntropyLoss())
    show_predictions(model, test_loader)
