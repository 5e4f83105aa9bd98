# source: https://github.com/amirgholami/TRAttack/pull/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 26
# needs: torch, numpy, torchvision
# cpu: no written where torch was not installed; not run

import argparse

import numpy as np
import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T


def tr_step(model, x, y, radius):
    x = x.clone().requires_grad_(True)
    loss = F.cross_entropy(model(x), y)
    grad, = torch.autograd.grad(loss, x)
    return (x + radius * grad.sign()).clamp(0, 1).detach()


def perturbation_norms(x_adv, x):
    diff = (x_adv - x).numpy().reshape(x.shape[0], -1)
    return np.linalg.norm(diff, ord=2, axis=1), np.abs(diff).max(axis=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--radius", type=float, default=0.002)
    parser.add_argument("--iters", type=int, default=20)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = torchvision.models.resnet18(num_classes=10).to(device).eval()
    test_set = torchvision.datasets.CIFAR10("./data", train=False, download=True, transform=T.ToTensor())
    loader = torch.utils.data.DataLoader(test_set, batch_size=128, shuffle=False)

    l2_all, linf_all = [], []
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        x_adv = images
        for _ in range(args.iters):
            x_adv = tr_step(model, x_adv, labels, args.radius)
            if (model(x_adv).argmax(1) != labels).all():
                break
        l2, linf = perturbation_norms(x_adv, images)
        l2_all.append(l2)
        linf_all.append(linf)

    print("mean l2 %.4f  mean linf %.4f" % (np.concatenate(l2_all).mean(), np.concatenate(linf_all).mean()))


if __name__ == "__main__":
    main()
