# source: https://github.com/open-mmlab/mmdetection/pull/4411
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def bbox2result(bboxes, labels, num_classes):
    """Convert detection tensors to a per-class list of [N, 5] numpy arrays."""
    if bboxes.shape[0] == 0:
        return [np.zeros((0, 5), dtype=np.float32) for _ in range(num_classes)]
    if isinstance(bboxes, torch.Tensor):
        bboxes = bboxes.detach().cpu().numpy()
        labels = labels.detach().cpu().numpy()
    return [bboxes[labels == i, :] for i in range(num_classes)]


class TinyDetector(nn.Module):
    def __init__(self, num_classes=3, max_dets=20):
        super().__init__()
        self.max_dets = max_dets
        self.backbone = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(4))
        self.box_head = nn.Linear(16 * 16, max_dets * 5)
        self.cls_head = nn.Linear(16 * 16, max_dets * num_classes)
        self.num_classes = num_classes

    def forward(self, img):
        f = self.backbone(img).flatten(1)
        boxes = self.box_head(f).view(-1, self.max_dets, 5).sigmoid() * 512
        scores = self.cls_head(f).view(-1, self.max_dets, self.num_classes).softmax(-1)
        return boxes, scores


@torch.no_grad()
def single_gpu_test(model, loader, device, score_thr=0.3):
    model.eval()
    results = []
    for (imgs,) in loader:
        boxes, scores = model(imgs.to(device))
        for b, s in zip(boxes, scores):
            conf, labels = s.max(dim=-1)
            keep = conf > score_thr
            dets = torch.cat([b[keep, :4], conf[keep, None]], dim=1)
            results.append(bbox2result(dets, labels[keep], model.num_classes))
    return results


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TinyDetector().to(device)
    loader = DataLoader(TensorDataset(torch.rand(8, 3, 128, 128)), batch_size=4)
    outputs = single_gpu_test(model, loader, device)
    print(len(outputs), [r.shape for r in outputs[0]])
