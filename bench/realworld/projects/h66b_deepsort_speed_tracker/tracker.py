# source: https://github.com/WZS666/Yolov5_DeepSort_SpeedEstimate/issues/1
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# bug-lines: 60
# needs: torch, numpy
# cpu: clean
"""Minimal SORT-like tracker wrapper (DeepSort API: update(xywh, confs, classes, img))."""
import numpy as np


def xywh_to_xyxy(b):
    return np.stack([b[:, 0] - b[:, 2] / 2, b[:, 1] - b[:, 3] / 2, b[:, 0] + b[:, 2] / 2, b[:, 1] + b[:, 3] / 2], 1)


def iou_matrix(a, b):
    tl = np.maximum(a[:, None, :2], b[None, :, :2])
    br = np.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = np.clip(br - tl, 0, None).prod(2)
    area_a = (a[:, 2:] - a[:, :2]).prod(1)
    area_b = (b[:, 2:] - b[:, :2]).prod(1)
    return inter / (area_a[:, None] + area_b[None] - inter + 1e-9)


class Track:
    def __init__(self, track_id, box, class_id):
        self.track_id, self.box, self.class_id = track_id, box, class_id
        self.hits, self.time_since_update = 1, 0


class SpeedTracker:
    def __init__(self, min_conf=0.3, iou_thres=0.3, max_age=30):
        self.min_conf, self.iou_thres, self.max_age = min_conf, iou_thres, max_age
        self.tracks, self._next_id = [], 1

    def update(self, bbox_xywh, confidences, classes, ori_img):
        keep = confidences.numpy() > self.min_conf
        boxes = xywh_to_xyxy(bbox_xywh.numpy()[keep])
        det_classes = [c for c, k in zip(classes, keep) if k]
        for t in self.tracks:
            t.time_since_update += 1
        if self.tracks and len(boxes):
            ious = iou_matrix(np.stack([t.box for t in self.tracks]), boxes)
        else:
            ious = np.zeros((len(self.tracks), len(boxes)))
        unmatched = set(range(len(boxes)))
        for ti, t in enumerate(self.tracks):
            if ious.shape[1] and ious[ti].max() > self.iou_thres:
                di = int(ious[ti].argmax())
                t.box, t.class_id, t.time_since_update = boxes[di], det_classes[di], 0
                t.hits += 1
                unmatched.discard(di)
        for di in unmatched:
            self.tracks.append(Track(self._next_id, boxes[di], det_classes[di]))
            self._next_id += 1
        self.tracks = [t for t in self.tracks if t.time_since_update <= self.max_age]
        outputs = []
        for t in self.tracks:
            x1, y1, x2, y2 = t.box
            outputs.append(np.array([x1, y1, x2, y2, t.track_id, t.class_id], dtype=np.int64))
        return np.stack(outputs) if outputs else np.empty((0, 6), dtype=np.int64)
