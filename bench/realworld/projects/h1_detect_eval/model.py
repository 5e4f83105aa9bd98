# source: https://github.com/WongKinYiu/yolor/issues/113
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, multi-file
# cpu: no library module, run evaluate.py
# needs: torch
import torch
import torch.nn as nn


class TinyDetector(nn.Module):
    def __init__(self, num_classes=3, num_anchors=8, img_size=64):
        super().__init__()
        self.nc = num_classes
        self.na = num_anchors
        self.img_size = img_size
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.SiLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.head = nn.Linear(16, num_anchors * (5 + num_classes))

    def forward(self, x):
        out = self.head(self.backbone(x)).view(x.shape[0], self.na, 5 + self.nc)
        xy = out[..., 0:2].sigmoid() * self.img_size
        wh = out[..., 2:4].exp().clamp(max=self.img_size)
        conf = out[..., 4:5].sigmoid()
        cls_prob = out[..., 5:].softmax(-1)
        return torch.cat([xy - wh / 2, xy + wh / 2, conf, cls_prob], dim=-1)


def non_max_suppression(pred, conf_thres=0.25, max_det=5):
    output = [None] * pred.shape[0]
    for i, p in enumerate(pred):
        p = p[p[:, 4] > conf_thres]
        if not p.shape[0]:
            continue
        cls_conf, cls_id = p[:, 5:].max(1, keepdim=True)
        det = torch.cat([p[:, :4], p[:, 4:5] * cls_conf, cls_id.float()], dim=1)
        output[i] = det[det[:, 4].argsort(descending=True)[:max_det]]
    return output
