# source: https://github.com/open-mmlab/mmdetection/issues/8081
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def conv_bn(in_ch, out_ch, stride):
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(out_ch),
        nn.ReLU(inplace=True),
    )


class SlimmableDetectorBackbone(nn.Module):
    """Dense teacher uses width=1.0; the channel-pruned student is built with a smaller width."""

    def __init__(self, width=1.0, num_classes=20):
        super().__init__()
        c = [max(8, int(ch * width)) for ch in (32, 64, 128, 256)]
        self.stages = nn.Sequential(
            conv_bn(3, c[0], 2), conv_bn(c[0], c[1], 2), conv_bn(c[1], c[2], 2), conv_bn(c[2], c[3], 2)
        )
        self.cls_head = nn.Conv2d(c[3], num_classes, 1)

    def forward(self, x):
        return self.cls_head(self.stages(x))  # dense class map [B, C, H/16, W/16]


def load_teacher(path=None, num_classes=20):
    teacher = SlimmableDetectorBackbone(width=1.0, num_classes=num_classes)
    if path:
        teacher.load_state_dict(torch.load(path, map_location="cpu"))
    teacher.eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    return teacher
