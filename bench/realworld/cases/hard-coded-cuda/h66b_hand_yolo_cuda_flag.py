# source: https://github.com/ayooshkathuria/YOLO_v3_tutorial_from_scratch/issues/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: hard-coded-cuda
# shape: helper, class, top-level
# bug-lines: 34, 40, 63
# needs: torch
# cpu: clean
"""Hand detector (YOLOv3-tiny style) used as the first stage of a hand-pose pipeline."""
import argparse

import torch
import torch.nn as nn


def predict_transform(prediction, inp_dim, anchors, num_classes, CUDA=True):
    batch_size = prediction.size(0)
    stride = inp_dim // prediction.size(2)
    grid_size = inp_dim // stride
    bbox_attrs = 5 + num_classes
    num_anchors = len(anchors)

    prediction = prediction.view(batch_size, bbox_attrs * num_anchors, grid_size * grid_size)
    prediction = prediction.transpose(1, 2).contiguous()
    prediction = prediction.view(batch_size, grid_size * grid_size * num_anchors, bbox_attrs)
    anchors = [(a[0] / stride, a[1] / stride) for a in anchors]

    prediction[:, :, 0:2] = torch.sigmoid(prediction[:, :, 0:2])
    prediction[:, :, 4:] = torch.sigmoid(prediction[:, :, 4:])

    a, b = torch.meshgrid(torch.arange(grid_size), torch.arange(grid_size), indexing="xy")
    x_offset = a.reshape(-1, 1).float()
    y_offset = b.reshape(-1, 1).float()
    if CUDA:
        x_offset, y_offset = x_offset.cuda(), y_offset.cuda()
    x_y_offset = torch.cat((x_offset, y_offset), 1).repeat(1, num_anchors).view(-1, 2).unsqueeze(0)
    prediction[:, :, :2] += x_y_offset

    anchors = torch.FloatTensor(anchors)
    if CUDA:
        anchors = anchors.cuda()
    anchors = anchors.repeat(grid_size * grid_size, 1).unsqueeze(0)
    prediction[:, :, 2:4] = torch.exp(prediction[:, :, 2:4]) * anchors
    prediction[:, :, :4] *= stride
    return prediction


class HandYOLO(nn.Module):
    def __init__(self, anchors=((10, 14), (23, 27), (37, 58)), num_classes=1, inp_dim=416):
        super().__init__()
        self.anchors, self.num_classes, self.inp_dim = anchors, num_classes, inp_dim
        self.backbone = nn.Sequential(nn.Conv2d(3, 16, 3, 4, 1), nn.LeakyReLU(0.1), nn.Conv2d(16, 32, 3, 8, 1), nn.LeakyReLU(0.1))
        self.head = nn.Conv2d(32, len(anchors) * (5 + num_classes), 1)

    def forward(self, x, CUDA):
        out = self.head(self.backbone(x))
        return predict_transform(out, self.inp_dim, self.anchors, self.num_classes, CUDA)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu", help="cpu or cuda:0 (keep the GPU free for the pose stage)")
    args = parser.parse_args()
    CUDA = torch.cuda.is_available()
    device = torch.device(args.device)
    model = HandYOLO().to(device).eval()
    frame = torch.rand(1, 3, 416, 416, device=device)
    with torch.no_grad():
        detections = model(frame, CUDA)
    print(detections.shape)
