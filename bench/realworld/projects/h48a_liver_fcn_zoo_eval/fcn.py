# source: https://github.com/Tramac/awesome-semantic-segmentation-pytorch/issues/213
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 62
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import vgg16

NUM_CLASSES = {"lits": 3, "kits": 3, "chaos": 5}


def get_model_file(name, root="~/.torch/models"):
    path = os.path.join(os.path.expanduser(root), name + ".pth")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"trained weights {path} not found; run train.py first")
    return path


class FCNHead(nn.Sequential):
    def __init__(self, in_channels, n_classes):
        inter = in_channels // 4
        super().__init__(
            nn.Conv2d(in_channels, inter, 3, padding=1, bias=False),
            nn.BatchNorm2d(inter),
            nn.ReLU(inplace=True),
            nn.Dropout(0.1),
            nn.Conv2d(inter, n_classes, 1),
        )


class FCN16s(nn.Module):
    def __init__(self, n_classes, pretrained_base=False):
        super().__init__()
        features = vgg16(weights="DEFAULT" if pretrained_base else None).features
        self.pool4 = features[:24]
        self.pool5 = features[24:]
        self.head = FCNHead(512, n_classes)
        self.score_pool4 = nn.Conv2d(512, n_classes, 1)

    def forward(self, x):
        size = x.shape[2:]
        p4 = self.pool4(x)
        p5 = self.pool5(p4)
        score_fr = self.head(p5)
        score_p4 = self.score_pool4(p4)
        up = F.interpolate(score_fr, score_p4.shape[2:], mode="bilinear", align_corners=True)
        out = F.interpolate(up + score_p4, size, mode="bilinear", align_corners=True)
        return out


def get_fcn16s(dataset="lits", backbone="vgg16", pretrained=False, root="~/.torch/models",
               pretrained_base=True, **kwargs):
    model = FCN16s(NUM_CLASSES[dataset], pretrained_base=pretrained_base)
    if pretrained:
        weights = get_model_file(f"fcn16s_{backbone}_{dataset}", root=root)
        model.load_state_dict(torch.load(weights))
    return model


def get_fcn16s_vgg16_lits(**kwargs):
    return get_fcn16s("lits", "vgg16", **kwargs)
