# source: https://github.com/Burton2000/CS231n-2017/issues/5
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: legacy-type-cast
# shape: helper, top-level
# bug-lines: 38
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""Flag near-duplicate product shots by comparing VGG Gram-matrix texture descriptors
(adapted from the CS231n style-transfer assignment code)."""
import glob
import itertools
import sys

import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image
from torchvision.models import SqueezeNet1_1_Weights, squeezenet1_1

dtype = torch.FloatTensor
# dtype = torch.cuda.FloatTensor  # uncomment to run on GPU

SQUEEZENET_MEAN = [0.485, 0.456, 0.406]
SQUEEZENET_STD = [0.229, 0.224, 0.225]
STYLE_LAYERS = (1, 4, 6, 7)

cnn = squeezenet1_1(weights=SqueezeNet1_1_Weights.IMAGENET1K_V1).features
for param in cnn.parameters():
    param.requires_grad = False
if torch.cuda.is_available():
    cnn.cuda()


def preprocess(path, size=256):
    transform = T.Compose([T.Resize(size), T.CenterCrop(size), T.ToTensor(),
                           T.Normalize(mean=SQUEEZENET_MEAN, std=SQUEEZENET_STD)])
    img = transform(Image.open(path).convert("RGB")).unsqueeze(0)
    return img.type(dtype)


def extract_features(x, model):
    feats = []
    for i, layer in enumerate(model._modules.values()):
        x = layer(x)
        if i in STYLE_LAYERS:
            feats.append(x)
    return feats


def gram_descriptor(path):
    feats = extract_features(preprocess(path), cnn)
    grams = []
    for f in feats:
        n, c, h, w = f.size()
        flat = f.view(c, h * w)
        grams.append((flat @ flat.t() / (c * h * w)).flatten())
    return torch.cat(grams).cpu().numpy()


if __name__ == "__main__":
    paths = sorted(glob.glob(sys.argv[1] + "/*.jpg"))
    desc = {p: gram_descriptor(p) for p in paths}
    for a, b in itertools.combinations(paths, 2):
        cos = float(np.dot(desc[a], desc[b]) / (np.linalg.norm(desc[a]) * np.linalg.norm(desc[b])))
        if cos > 0.995:
            print(f"{a}\t{b}\t{cos:.4f}")
