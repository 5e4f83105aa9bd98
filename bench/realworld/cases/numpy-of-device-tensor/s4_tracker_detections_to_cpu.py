# source: https://github.com/Zhongdao/Towards-Realtime-MOT/issues/257
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# looks-like: numpy-of-device-tensor
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


def non_max_suppression(pred, conf_thres=0.5):
    keep = pred[:, 4] > conf_thres
    return pred[keep]


def to_numpy(t):
    return t.detach().cpu().numpy()


class JDETracker:
    def __init__(self, opt):
        self.device = torch.device(opt["device"])
        self.model = nn.Sequential(nn.Conv2d(3, 8, 3, stride=4), nn.ReLU(), nn.Conv2d(8, 6 + 16, 1))
        self.model.to(self.device).eval()
        self.frame_id = 0
        self.tracks = []

    def _detect(self, im_blob):
        with torch.no_grad():
            out = self.model(im_blob)
        pred = out.flatten(2).transpose(1, 2)[0]
        pred[:, 4] = pred[:, 4].sigmoid()
        return non_max_suppression(pred, conf_thres=0.4)

    def update(self, im_blob):
        self.frame_id += 1
        dets = self._detect(im_blob)
        if len(dets) == 0:
            return []
        boxes = to_numpy(dets[:, :4])
        scores = dets[:, 4].cpu().numpy()
        embeddings = dets[:, 6:].cpu().numpy()
        self.tracks = [(self.frame_id, b, s, e / (np.linalg.norm(e) + 1e-6))
                       for b, s, e in zip(boxes, scores, embeddings)]
        return self.tracks


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    tracker = JDETracker({"device": dev})
    for _ in range(3):
        blob = torch.rand(1, 3, 64, 96, device=dev)
        print(len(tracker.update(blob)))
