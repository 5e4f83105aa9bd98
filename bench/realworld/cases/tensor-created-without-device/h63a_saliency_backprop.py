# source: https://github.com/MisaOgura/flashtorch/issues/2
# error: RuntimeError: invalid gradient at index 0 - expected device cuda:0 but got cpu
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 28
# needs: torch, torchvision, matplotlib, pillow
# cpu: no written where torch was not installed; not run
"""Vanilla-gradient saliency maps for a fine-tuned CNN (course project helper)."""
import matplotlib.pyplot as plt
import torch
from PIL import Image
from torchvision import models, transforms


class Backprop:
    def __init__(self, model):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.model.eval()

    def calculate_gradients(self, input_, target_class=None, take_max=False):
        input_ = input_.to(self.device).requires_grad_(True)
        self.model.zero_grad()
        output = self.model(input_)
        if target_class is None:
            target_class = int(output.argmax(dim=1))

        target = torch.zeros(1, output.size(-1))
        target[0][target_class] = 1.0
        output.backward(gradient=target)

        grads = input_.grad.detach()[0]
        if take_max:
            grads = grads.abs().max(dim=0, keepdim=True)[0]
        return grads


def load_image(path, size=224):
    tf = transforms.Compose([
        transforms.Resize(size),
        transforms.CenterCrop(size),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    return tf(Image.open(path).convert("RGB")).unsqueeze(0)


def show_saliency(image, grads, out_path="saliency.png"):
    fig, axes = plt.subplots(1, 2, figsize=(8, 4))
    axes[0].imshow(image[0].permute(1, 2, 0).clamp(0, 1).numpy())
    axes[1].imshow(grads.cpu().squeeze(0).numpy(), cmap="hot")
    for ax in axes:
        ax.axis("off")
    fig.savefig(out_path, bbox_inches="tight")


if __name__ == "__main__":
    net = models.resnet18(weights=None)
    net.fc = torch.nn.Linear(net.fc.in_features, 5)
    net.load_state_dict(torch.load("flowers_resnet18.pth", map_location="cpu"))
    backprop = Backprop(net)
    img = load_image("daisy.jpg")
    saliency = backprop.calculate_gradients(img, take_max=True)
    show_saliency(img, saliency)
