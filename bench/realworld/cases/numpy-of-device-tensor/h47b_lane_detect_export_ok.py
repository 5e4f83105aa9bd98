# source: https://github.com/bit-bots/YOEO/pull/25
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Joint object detection + drivable-area segmentation on a dash-cam frame; results go to numpy."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class DetSegNet(nn.Module):
    def __init__(self, n_classes=5, n_seg=3):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU())
        self.det_head = nn.Conv2d(64, 5 + n_classes, 1)
        self.seg_head = nn.Conv2d(64, n_seg, 1)

    def forward(self, x):
        f = self.backbone(x)
        det = self.det_head(f).flatten(2).transpose(1, 2)
        seg = F.interpolate(self.seg_head(f), size=x.shape[-2:], mode="bilinear", align_corners=False)
        return det, seg


def non_max_suppression(det, conf_thres):
    keep = det[..., 4].sigmoid() > conf_thres
    return [d[k] for d, k in zip(det, keep)]


def detect_image(model, image, img_size=416, conf_thres=0.5):
    device = next(model.parameters()).device
    model.eval()
    input_img = torch.from_numpy(image).permute(2, 0, 1).float().div(255.0)
    input_img = F.interpolate(input_img[None], size=(img_size, img_size)).to(device)
    with torch.no_grad():
        detections, segmentations = model(input_img)
        detections = non_max_suppression(detections, conf_thres)[0]
        segmentations = segmentations.argmax(dim=1)
    return detections.cpu().detach().numpy(), segmentations.cpu().detach().numpy()


if __name__ == "__main__":
    net = DetSegNet().to("cuda" if torch.cuda.is_available() else "cpu")
    frame = np.random.randint(0, 255, (720, 1280, 3), dtype=np.uint8)
    boxes, drivable = detect_image(net, frame)
    print(boxes.shape, np.unique(drivable))
