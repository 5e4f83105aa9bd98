# Grad-CAM style attribution: the seed gradient for the chosen class is built with
# torch.zeros(out.size()), on the CPU, and handed to backward() of an output that
# lives on the GPU: autograd refuses a gradient on another device.
import torch
from torchvision import models

device = torch.device("cuda")


def class_seed(logits, target):
    seed = torch.zeros(logits.size())  # expect: TL204:12 lines=24,19
    seed[0, target] = 1.0
    return seed


def attribute(model, image, target):
    image = image.to(device).requires_grad_(True)
    logits = model(image)
    logits.backward(gradient=class_seed(logits, target))
    return image.grad.abs().amax(dim=1)


if __name__ == "__main__":
    net = models.resnet18(weights=None).to(device).eval()
    heat = attribute(net, torch.rand(1, 3, 224, 224), target=207)
    print(heat.shape)
