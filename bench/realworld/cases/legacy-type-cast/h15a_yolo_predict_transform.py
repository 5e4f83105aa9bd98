# source: https://github.com/ayooshkathuria/YOLO_v3_tutorial_from_scratch/issues/26 https://github.com/ayooshkathuria/YOLO_v3_tutorial_from_scratch/pull/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: legacy-type-cast
# shape: helper, class
# bug-lines: 24, 38
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""YOLO detection head: decode raw feature maps into (x, y, w, h, obj, cls...) predictions."""
import numpy as np
import torch
from torch import nn


def predict_transform(prediction, inp_dim, anchors, num_classes, CUDA=True):
    batch_size = prediction.size(0)
    stride = inp_dim // prediction.size(2)
    grid_size = inp_dim // stride
    bbox_attrs = 5 + num_classes
    num_anchors = len(anchors)

    prediction = prediction.view(batch_size, bbox_attrs * num_anchors, grid_size * grid_size)
    prediction = prediction.transpose(1, 2).contiguous()
    prediction = prediction.view(batch_size, grid_size * grid_size * num_anchors, bbox_attrs)
    prediction = prediction.type(torch.FloatTensor)
    anchors = [(a[0] / stride, a[1] / stride) for a in anchors]

    prediction[:, :, 0] = torch.sigmoid(prediction[:, :, 0])
    prediction[:, :, 1] = torch.sigmoid(prediction[:, :, 1])
    prediction[:, :, 4] = torch.sigmoid(prediction[:, :, 4])

    a, b = np.meshgrid(np.arange(grid_size), np.arange(grid_size))
    x_offset = torch.FloatTensor(a).view(-1, 1)
    y_offset = torch.FloatTensor(b).view(-1, 1)
    if CUDA:
        x_offset = x_offset.cuda()
        y_offset = y_offset.cuda()
    x_y_offset = torch.cat((x_offset, y_offset), 1).repeat(1, num_anchors).view(-1, 2).unsqueeze(0)
    prediction[:, :, :2] += x_y_offset

    anchors = torch.FloatTensor(anchors)
    if CUDA:
        anchors = anchors.cuda()
    anchors = anchors.repeat(grid_size * grid_size, 1).unsqueeze(0)
    prediction[:, :, 2:4] = torch.exp(prediction[:, :, 2:4]) * anchors
    prediction[:, :, 5:5 + num_classes] = torch.sigmoid(prediction[:, :, 5:5 + num_classes])
    prediction[:, :, :4] *= stride
    return prediction


class YoloHead(nn.Module):
    def __init__(self, in_channels, anchors, num_classes, inp_dim=416):
        super().__init__()
        self.anchors, self.num_classes, self.inp_dim = anchors, num_classes, inp_dim
        self.conv = nn.Conv2d(in_channels, len(anchors) * (5 + num_classes), 1)

    def forward(self, feat, CUDA):
        return predict_transform(self.conv(feat), self.inp_dim, self.anchors, self.num_classes, CUDA)


if __name__ == "__main__":
    CUDA = torch.cuda.is_available()
    head = YoloHead(256, [(116, 90), (156, 198), (373, 326)], num_classes=80)
    feat = torch.randn(1, 256, 13, 13)
    if CUDA:
        head, feat = head.cuda(), feat.cuda()
    with torch.no_grad():
        detections = head(feat, CUDA)
    print(detections.shape)
