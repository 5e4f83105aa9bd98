# The seed gradient is made like the output (zeros_like keeps its device), so
# backward() gets a gradient on the GPU.
import torch
from torchvision import models

device = torch.device("cuda")


def class_seed(logits, target):
    seed = torch.zeros_like(logits)
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
    loss = net(torch.rand(2, 3, 224, 224, device=device)).sum()
    loss.backward(retain_graph=True)
