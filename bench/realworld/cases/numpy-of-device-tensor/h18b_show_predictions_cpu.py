# source: https://github.com/d2l-ai/d2l-en/pull/1966
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, matplotlib
# cpu: no written where torch was not installed; not run

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn

BREEDS = ["beagle", "boxer", "collie", "husky", "poodle"]


def predict_batch(net, images, device):
    net.eval()
    with torch.no_grad():
        probs = torch.softmax(net(images.to(device)), dim=1)
    return probs.detach().cpu()


def show_predictions(net, loader, device, n=8):
    images, labels = next(iter(loader))
    probs = predict_batch(net, images[:n], device)
    conf, preds = probs.max(dim=1)
    imgs = images[:n].permute(0, 2, 3, 1).numpy()
    imgs = np.clip(imgs * 0.5 + 0.5, 0, 1)
    fig, axes = plt.subplots(2, n // 2, figsize=(3 * n // 2, 6))
    for ax, img, p, c, y in zip(axes.flatten(), imgs, preds.numpy(), conf.numpy(), labels):
        ax.imshow(img)
        ax.set_title(f"{BREEDS[p]} ({c:.2f}) / {BREEDS[int(y)]}")
        ax.axis("off")
    fig.savefig("predictions.png")


def evaluate(net, loader, device):
    scores = []
    for images, labels in loader:
        logits = net(images.to(device))
        scores.append((logits.argmax(1) == labels.to(device)).float().mean().cpu().numpy())
    return float(np.mean(scores))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                        nn.Flatten(), nn.Linear(16, len(BREEDS))).to(device)
    loader = [(torch.randn(8, 3, 64, 64), torch.randint(0, len(BREEDS), (8,))) for _ in range(4)]
    with torch.no_grad():
        print(f"accuracy: {evaluate(net, loader, device):.3f}")
    show_predictions(net, loader, device)
