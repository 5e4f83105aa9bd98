# source: https://github.com/dyh/unbox_yolov5_deepsort_counting/issues/40
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, loader-loop
# bug-lines: 32, 40
# needs: torch, torchvision, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import cv2
import numpy as np
import torch
import torchvision

TRACKED = {0: "person", 1: "bicycle", 2: "car"}


def letterbox(img, size=640):
    h, w = img.shape[:2]
    r = size / max(h, w)
    resized = cv2.resize(img, (int(round(w * r)), int(round(h * r))))
    canvas = np.full((size, size, 3), 114, dtype=np.uint8)
    canvas[: resized.shape[0], : resized.shape[1]] = resized
    return canvas, r


class Detector:
    def __init__(self, weights="./weights/yolov5m.pt", img_size=640, threshold=0.3):
        self.img_size = img_size
        self.threshold = threshold
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        model = torch.load(weights, map_location=self.device)["model"].float()
        model.to(self.device).eval()
        model.half()
        self.m = model

    def preprocess(self, frame):
        img, ratio = letterbox(frame, self.img_size)
        img = img[:, :, ::-1].transpose(2, 0, 1)
        img = np.ascontiguousarray(img)
        img = torch.from_numpy(img).to(self.device)
        img = img.half()
        img /= 255.0
        return img.unsqueeze(0), ratio

    def detect(self, frame):
        img, ratio = self.preprocess(frame)
        with torch.no_grad():
            pred = self.m(img, augment=False)[0][0].float()
        pred = pred[pred[:, 4] > self.threshold]
        xy, wh = pred[:, :2], pred[:, 2:4]
        boxes = torch.cat([xy - wh / 2, xy + wh / 2], dim=1)
        keep = torchvision.ops.nms(boxes, pred[:, 4], 0.4)
        cls_ids = pred[keep, 5:].argmax(dim=1).tolist()
        out = []
        for box, cls_id in zip((boxes[keep] / ratio).tolist(), cls_ids):
            if cls_id in TRACKED:
                out.append((*map(int, box), TRACKED[cls_id]))
        return out


if __name__ == "__main__":
    detector = Detector()
    cap = cv2.VideoCapture("./video/crossroad.mp4")
    peak = 0
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        boxes = detector.detect(frame)
        people = sum(1 for b in boxes if b[4] == "person")
        peak = max(peak, people)
        print(f"people in frame: {people} (peak {peak})")
    cap.release()
