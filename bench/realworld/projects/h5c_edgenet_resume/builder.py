# source: https://github.com/sacmehta/EdgeNets/issues/25
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ESPNetv2Seg(nn.Module):
    def __init__(self, num_classes, s=2.0):
        super().__init__()
        width = int(32 * s)
        self.encoder = nn.Sequential(nn.Conv2d(3, width, 3, stride=2, padding=1), nn.BatchNorm2d(width),
                                     nn.PReLU(width), nn.Conv2d(width, width, 3, padding=1))
        self.classifier = nn.Conv2d(width, num_classes, 1)

    def forward(self, x):
        out = self.classifier(self.encoder(x))
        return nn.functional.interpolate(out, size=x.shape[-2:], mode="bilinear", align_corners=False)


def build_model(args):
    return ESPNetv2Seg(num_classes=args.num_classes, s=args.s)


def build_optimizer(model, args):
    params = [{"params": model.encoder.parameters(), "lr": args.lr},
              {"params": model.classifier.parameters(), "lr": args.lr * 10}]
    return torch.optim.SGD(params, lr=args.lr, momentum=0.9, weight_decay=4e-5)
