# source: https://github.com/yhenon/pytorch-retinanet/pull/168
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 40, 41, 42
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""RetinaNet inference path: decode regressions and run NMS separately for every class."""
import sys

import torch
import torch.nn as nn
from PIL import Image
from torchvision.ops import nms
from torchvision.transforms.functional import to_tensor


class BBoxTransform(nn.Module):
    def forward(self, anchors, deltas):
        widths, heights = anchors[..., 2] - anchors[..., 0], anchors[..., 3] - anchors[..., 1]
        ctr_x, ctr_y = anchors[..., 0] + 0.5 * widths, anchors[..., 1] + 0.5 * heights
        dx, dy, dw, dh = (deltas * torch.tensor([0.1, 0.1, 0.2, 0.2], device=deltas.device)).unbind(-1)
        px, py = ctr_x + dx * widths, ctr_y + dy * heights
        pw, ph = torch.exp(dw) * widths, torch.exp(dh) * heights
        return torch.stack([px - 0.5 * pw, py - 0.5 * ph, px + 0.5 * pw, py + 0.5 * ph], dim=-1)


class RetinaNetPostProcess(nn.Module):
    def __init__(self, num_classes, score_thresh=0.05, iou_thresh=0.5):
        super().__init__()
        self.num_classes = num_classes
        self.score_thresh = score_thresh
        self.iou_thresh = iou_thresh
        self.regress_boxes = BBoxTransform()

    def forward(self, classification, regression, anchors, img_size):
        boxes = self.regress_boxes(anchors, regression)[0]
        boxes[:, 0::2] = boxes[:, 0::2].clamp(0, img_size[1])
        boxes[:, 1::2] = boxes[:, 1::2].clamp(0, img_size[0])
        final_scores = torch.Tensor([]).cuda()
        final_labels = torch.tensor([], dtype=torch.long).cuda()
        final_boxes = torch.Tensor([]).cuda()
        for cls in range(self.num_classes):
            scores = classification[0, :, cls]
            keep_thresh = scores > self.score_thresh
            if keep_thresh.sum() == 0:
                continue
            cls_scores, cls_boxes = scores[keep_thresh], boxes[keep_thresh]
            keep = nms(cls_boxes, cls_scores, self.iou_thresh)
            final_scores = torch.cat((final_scores, cls_scores[keep]))
            final_labels = torch.cat((final_labels, torch.full_like(keep, cls)))
            final_boxes = torch.cat((final_boxes, cls_boxes[keep]))
        return final_scores, final_labels, final_boxes


def detect(model, postprocess, image_path, device):
    img = to_tensor(Image.open(image_path).convert("RGB")).unsqueeze(0).to(device)
    with torch.no_grad():
        classification, regression, anchors = model(img)
        return postprocess(classification, regression, anchors, img.shape[-2:])


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = torch.load(sys.argv[1], map_location=device, weights_only=False).eval()
    postprocess = RetinaNetPostProcess(num_classes=80)
    for path in sys.argv[2:]:
        scores, labels, boxes = detect(model, postprocess, path, device)
        print(path, [(int(l), round(float(s), 3)) for s, l in zip(scores, labels)])
