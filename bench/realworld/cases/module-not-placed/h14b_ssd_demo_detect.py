# source: https://github.com/amdegroot/ssd.pytorch/issues/32
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper
# bug-lines: 61, 69
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run

import sys

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

VOC_CLASSES = ("aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
               "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor")


class SSD(nn.Module):
    def __init__(self, phase, size, num_classes, num_anchors=6):
        super().__init__()
        self.phase, self.size, self.num_classes = phase, size, num_classes
        self.vgg = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(True), nn.MaxPool2d(2),
                                 nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(True), nn.MaxPool2d(2),
                                 nn.Conv2d(128, 256, 3, padding=1), nn.ReLU(True), nn.MaxPool2d(2, ceil_mode=True))
        self.loc = nn.Conv2d(256, num_anchors * 4, 3, padding=1)
        self.conf = nn.Conv2d(256, num_anchors * num_classes, 3, padding=1)

    def forward(self, x):
        f = self.vgg(x)
        loc = self.loc(f).permute(0, 2, 3, 1).reshape(x.size(0), -1, 4)
        conf = self.conf(f).permute(0, 2, 3, 1).reshape(x.size(0), -1, self.num_classes)
        return loc, F.softmax(conf, dim=-1) if self.phase == "test" else conf

    def load_weights(self, path):
        print("Loading weights into state dict...")
        self.load_state_dict(torch.load(path, map_location=lambda storage, loc: storage))
        print("Finished!")


def build_ssd(phase, size=300, num_classes=21):
    if phase not in ("test", "train"):
        raise ValueError(f"phase {phase} not recognized")
    return SSD(phase, size, num_classes)


def preprocess(image, size=300, mean=(104.0, 117.0, 123.0)):
    x = cv2.resize(image, (size, size)).astype(np.float32)
    x -= mean
    return torch.from_numpy(x[:, :, ::-1].copy()).permute(2, 0, 1).unsqueeze(0)


def detect(net, image_path, thresh=0.6):
    image = cv2.imread(image_path, cv2.IMREAD_COLOR)
    x = preprocess(image)
    if torch.cuda.is_available():
        x = x.cuda()
    with torch.no_grad():
        loc, conf = net(x)
    scores, labels = conf[0, :, 1:].max(dim=-1)
    keep = scores > thresh
    for score, label in zip(scores[keep].tolist(), labels[keep].tolist()):
        print(f"{image_path}: {VOC_CLASSES[label]} {score:.2f}")


if __name__ == "__main__":
    net = build_ssd("test", 300, 21)
    net.load_weights("weights/ssd300_mAP_77.43_v2.pth")
    net.eval()
    for path in sys.argv[1:]:
        detect(net, path)
