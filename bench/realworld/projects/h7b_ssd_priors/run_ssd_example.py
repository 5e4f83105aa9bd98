# source: https://github.com/shaoshengsong/MobileNetV3-SSD/issues/5
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import sys

import torch
import torch.nn as nn

from ssd import SSD

DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class TinyBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        chans = [3, 64, 128, 128, 128, 128, 128]
        sizes = [19, 10, 5, 3, 2, 1]
        self.stages = nn.ModuleList([
            nn.Sequential(nn.Conv2d(chans[i], chans[i + 1], 3, padding=1), nn.ReLU(),
                          nn.AdaptiveAvgPool2d(sizes[i]))
            for i in range(6)])

    def forward(self, x):
        feats = []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        return feats


def create_predictor(num_classes, checkpoint=None):
    net = SSD(num_classes, TinyBackbone(), [64, 128, 128, 128, 128, 128], is_test=True)
    if checkpoint:
        net.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    net.to(DEVICE)
    net.eval()
    return net


def predict(net, images, prob_threshold=0.4):
    with torch.no_grad():
        scores, boxes = net(images.to(DEVICE))
    keep = scores[..., 1:].max(dim=2).values > prob_threshold
    return boxes[keep], scores[keep]


if __name__ == "__main__":
    net = create_predictor(num_classes=21, checkpoint=sys.argv[1] if len(sys.argv) > 1 else None)
    for _ in range(4):
        image = torch.rand(1, 3, 300, 300)
        boxes, probs = predict(net, image)
        print(boxes.shape, probs.shape)
