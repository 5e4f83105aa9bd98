# source: https://github.com/pytorch/vision/issues/2788
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: helper
# bug-lines: 36
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import sys

import torch
import torchvision.transforms.functional as TF
from torchvision.io import read_image
from torchvision.models import resnet18

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
CLASSES = ["cat", "dog", "other"]


def load_model(ckpt_path):
    model = resnet18(num_classes=len(CLASSES))
    model.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    return model.to(device).eval()


def load_image(path, size=224):
    img = read_image(path)  # (C, H, W)
    if img.shape[0] == 4:
        img = img[:3]
    return TF.resize(img, [size, size], antialias=True)


@torch.no_grad()
def predict(model, paths):
    batch = torch.stack([load_image(p) for p in paths])
    batch = batch.to(device)
    logits = model(batch)
    probs = logits.softmax(dim=1)
    for path, p in zip(paths, probs):
        print(f"{path}: {CLASSES[p.argmax().item()]} ({p.max().item():.2f})")


if __name__ == "__main__":
    net = load_model("checkpoints/pets_resnet18.pt")
    predict(net, sys.argv[1:] or ["samples/grace.jpg"])
