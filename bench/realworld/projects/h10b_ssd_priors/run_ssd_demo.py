# source: https://github.com/amdegroot/ssd.pytorch/issues/47 https://github.com/qfgaohao/pytorch-ssd/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import sys

import cv2
import numpy as np
import torch

from ssd import create_lite_ssd

VOC_CLASSES = ["background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat"]
DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


def preprocess(frame, size=300):
    image = cv2.resize(frame, (size, size)).astype(np.float32)
    image = (image - 127.0) / 128.0
    return torch.from_numpy(image).permute(2, 0, 1).unsqueeze(0)


def predict(net, frame, prob_threshold=0.4):
    height, width = frame.shape[:2]
    images = preprocess(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)).to(DEVICE)
    with torch.no_grad():
        scores, boxes = net(images)
    scores, boxes = scores[0].cpu(), boxes[0].cpu()
    best_prob, best_label = scores[:, 1:].max(dim=1)
    keep = best_prob > prob_threshold
    boxes = boxes[keep] * torch.tensor([width, height, width, height])
    return boxes, best_label[keep] + 1, best_prob[keep]


def main(model_path, video_path):
    net = create_lite_ssd(len(VOC_CLASSES), checkpoint=model_path)
    net = net.to(DEVICE)
    net.eval()
    capture = cv2.VideoCapture(video_path)
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        boxes, labels, probs = predict(net, frame)
        for box, label, prob in zip(boxes.tolist(), labels.tolist(), probs.tolist()):
            x1, y1, x2, y2 = map(int, box)
            cv2.rectangle(frame, (x1, y1), (x2, y2), (255, 255, 0), 2)
            cv2.putText(frame, f"{VOC_CLASSES[label]}: {prob:.2f}", (x1, y1 - 5),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.5, (255, 0, 255), 1)
        print(f"{len(probs)} objects")
    capture.release()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
