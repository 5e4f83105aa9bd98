# source: https://github.com/amdegroot/ssd.pytorch/issues/323
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #2 'other'
# pattern: cache-builder-cpu-default
# shape: multi-file, helper, batch-dict
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torchvision.models import vgg16

from priors import get_priors


def conv_relu(cin, cout, **kw):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, **kw), nn.ReLU(inplace=True))


class SSD(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.num_classes = cfg["num_classes"]
        self.vgg = vgg16(weights="DEFAULT").features[:23]   # up to conv4_3 + relu
        self.vgg[16].ceil_mode = True                        # 75 -> 38 like the caffe model
        self.extras = nn.ModuleList([
            nn.Sequential(nn.MaxPool2d(2, 2), conv_relu(512, 1024, padding=1)),  # 19
            conv_relu(1024, 512, stride=2, padding=1),                          # 10
            conv_relu(512, 256, stride=2, padding=1),                           # 5
            conv_relu(256, 256, stride=2, padding=1),                           # 3
            conv_relu(256, 256),                                                # 1
        ])
        boxes = [4, 6, 6, 6, 4, 4]
        chans = [512, 1024, 512, 256, 256, 256]
        self.loc = nn.ModuleList(nn.Conv2d(c, b * 4, 3, padding=1) for c, b in zip(chans, boxes))
        self.conf = nn.ModuleList(
            nn.Conv2d(c, b * self.num_classes, 3, padding=1) for c, b in zip(chans, boxes))

    def forward(self, x):
        x = self.vgg(x)
        sources = [x]
        for layer in self.extras:
            x = layer(x)
            sources.append(x)
        loc = torch.cat([l(s).permute(0, 2, 3, 1).flatten(1) for s, l in zip(sources, self.loc)], 1)
        conf = torch.cat([c(s).permute(0, 2, 3, 1).flatten(1) for s, c in zip(sources, self.conf)], 1)
        batch = x.size(0)
        return loc.view(batch, -1, 4), conf.view(batch, -1, self.num_classes), get_priors(self.cfg)
