# source: https://github.com/phil-bergmann/tracking_wo_bnw/issues/149
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, torchvision
# cpu: no written where torch was not installed; not run
import csv

import numpy as np
import torch
from torchvision.ops import box_iou


class Tracker:
    """Tracktor-style tracker: regress previous boxes into the new frame, spawn new tracks."""

    def __init__(self, detector, det_thresh=0.5, iou_thresh=0.3):
        self.detector = detector
        self.det_thresh = det_thresh
        self.iou_thresh = iou_thresh
        self.tracks = {}          # track id -> box tensor on the detector's device
        self.results = {}         # track id -> {frame: np.ndarray}
        self.next_id = 0
        self.frame = 0

    def step(self, blob):
        boxes, scores = self.detector(blob["img"])
        keep = scores > self.det_thresh
        boxes, scores = boxes[keep], scores[keep]
        if self.tracks:
            ids = list(self.tracks)
            prev = torch.stack([self.tracks[i] for i in ids])
            iou = box_iou(prev, boxes) if len(boxes) else prev.new_zeros(len(ids), 0)
            matched = set()
            for row, tid in enumerate(ids):
                if iou.shape[1] and iou[row].max() > self.iou_thresh:
                    j = int(iou[row].argmax())
                    self.tracks[tid] = boxes[j]
                    matched.add(j)
            boxes = boxes[[j for j in range(len(boxes)) if j not in matched]]
        for box in boxes:
            self.tracks[self.next_id] = box
            self.next_id += 1
        for tid, box in self.tracks.items():
            self.results.setdefault(tid, {})[self.frame] = self._to_row(box, scores)
        self.frame += 1

    @staticmethod
    def _to_row(box, scores):
        conf = scores.max() if len(scores) else box.new_ones(())
        return torch.cat([box, conf[None]]).detach().cpu().numpy()


def write_mot(results, path):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        for tid, frames in results.items():
            for frame, row in frames.items():
                x1, y1, x2, y2, conf = row.tolist()
                writer.writerow([frame + 1, tid + 1, x1, y1, x2 - x1, y2 - y1, conf, -1, -1, -1])


@torch.no_grad()
def track_sequence(detector, loader, device, out_path):
    tracker = Tracker(detector)
    for blob in loader:
        blob = {k: v.to(device) for k, v in blob.items()}
        tracker.step(blob)
    lengths = np.array([len(frames) for frames in tracker.results.values()])
    print(f"{len(lengths)} tracks, mean length {lengths.mean() if len(lengths) else 0:.1f}")
    write_mot(tracker.results, out_path)
