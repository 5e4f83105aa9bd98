# source: https://github.com/roboflow/zero-shot-object-tracking/issues/22
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 58
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


class Detection(object):
    def __init__(self, tlwh, confidence, class_num, feature):
        self.tlwh = np.asarray(tlwh, dtype=np.float32)
        self.confidence = float(confidence)
        self.class_num = class_num
        self.feature = feature

    def to_tlbr(self):
        ret = self.tlwh.copy()
        ret[2:] += ret[:2]
        return ret


def xyxy_to_tlwh(box):
    x1, y1, x2, y2 = [float(v) for v in box]
    return [x1, y1, x2 - x1, y2 - y1]


def encode_crops(clip_model, preprocess, frame, boxes, device):
    crops = []
    for x1, y1, x2, y2 in boxes.int().tolist():
        crops.append(preprocess(frame.crop((x1, y1, x2, y2))))
    if not crops:
        return torch.empty(0, 512, device=device)
    with torch.no_grad():
        feats = clip_model.encode_image(torch.stack(crops).to(device))
    return feats / feats.norm(dim=-1, keepdim=True)


def non_max_suppression(boxes, scores, thresh):
    order = np.argsort(-scores)
    return order[: max(1, int(len(order) * thresh))]


def detect_frame(yolo, clip_model, preprocess, frame, img_tensor, device, nms_max_overlap=1.0):
    with torch.no_grad():
        pred = yolo(img_tensor.to(device))[0]
    pred = pred[pred[:, 4] > 0.4]
    boxes, confs, classes = pred[:, :4], pred[:, 4], pred[:, 5]
    features = encode_crops(clip_model, preprocess, frame, boxes, device)
    detections = [Detection(xyxy_to_tlwh(b), c, cls, f)
                  for b, c, cls, f in zip(boxes, confs, classes, features)]

    # run non-maxima suppression on the appearance-aware detections
    boxs = np.array([d.tlwh for d in detections])
    scores = np.array([d.confidence for d in detections])
    class_nums = np.array([d.class_num for d in detections])
    indices = non_max_suppression(boxs, scores, nms_max_overlap)
    detections = [detections[i] for i in indices]
    return detections, class_nums[indices]
