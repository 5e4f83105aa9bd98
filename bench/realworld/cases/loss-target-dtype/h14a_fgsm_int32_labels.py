# source: https://github.com/bethgelab/foolbox/issues/647
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: helper, top-level
# bug-lines: 27, 37, 48
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
import os

import numpy as np
import torch
import torch.nn.functional as F
import torchvision.models as models
from PIL import Image

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def load_samples(folder, batchsize=16):
    """Sample images are stored as '<index>_<imagenet label>.png'."""
    images, labels = [], []
    for fname in sorted(os.listdir(folder))[:batchsize]:
        labels.append(int(os.path.splitext(fname)[0].split("_")[-1]))
        img = Image.open(os.path.join(folder, fname)).convert("RGB").resize((224, 224))
        images.append(np.asarray(img, dtype=np.float32).transpose(2, 0, 1) / 255.0)
    return np.stack(images), np.array(labels, dtype=np.int32)


def normalize(x):
    return (x - MEAN.to(x.device)) / STD.to(x.device)


def fgsm(model, images, labels, epsilon):
    images = images.clone().requires_grad_(True)
    logits = model(normalize(images))
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    return (images + epsilon * images.grad.sign()).clamp(0.0, 1.0).detach()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = models.resnet18(weights=models.ResNet18_Weights.IMAGENET1K_V1).eval().to(device)

    images_np, labels_np = load_samples("data/imagenet_samples")
    images = torch.from_numpy(images_np).to(device)
    labels = torch.from_numpy(labels_np).to(device)

    with torch.no_grad():
        clean_acc = (model(normalize(images)).argmax(1) == labels).float().mean().item()
    print(f"clean accuracy: {clean_acc:.3f}")

    for epsilon in (0.0, 0.002, 0.01, 0.03):
        adv = fgsm(model, images, labels, epsilon)
        with torch.no_grad():
            robust_acc = (model(normalize(adv)).argmax(1) == labels).float().mean().item()
        print(f"eps={epsilon}: robust accuracy {robust_acc:.3f}")


if __name__ == "__main__":
    main()
