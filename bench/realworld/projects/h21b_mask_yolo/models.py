# source: https://github.com/NisargPethani/FACE-MASK-DETECTION-USING-YOLO-V3/issues/2
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""A trimmed YOLO-style detector head for mask / no-mask faces."""
import torch
import torch.nn as nn


def conv_bn(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
                         nn.BatchNorm2d(cout), nn.LeakyReLU(0.1))


class Darknet(nn.Module):
    def __init__(self, num_classes=2, num_anchors=3, img_size=416):
        super().__init__()
        self.img_size = img_size
        self.num_classes = num_classes
        self.backbone = nn.Sequential(conv_bn(3, 16), conv_bn(16, 32, 2), conv_bn(32, 64, 2),
                                      conv_bn(64, 128, 2), conv_bn(128, 256, 2), conv_bn(256, 512, 2))
        self.head = nn.Conv2d(512, num_anchors * (5 + num_classes), 1)

    def forward(self, x):
        out = self.head(self.backbone(x))
        b, _, h, w = out.shape
        out = out.view(b, -1, 5 + self.num_classes, h, w).permute(0, 1, 3, 4, 2)
        return torch.sigmoid(out).reshape(b, -1, 5 + self.num_classes)
