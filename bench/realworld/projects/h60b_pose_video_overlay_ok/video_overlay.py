# source: https://github.com/openpifpaf/openpifpaf/issues/211
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# looks-like: numpy-of-device-tensor
# needs: numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse

import cv2
import numpy as np

from decode import decode_keypoints, smooth_track
from predictor import PosePredictor

SKELETON = [(5, 7), (7, 9), (6, 8), (8, 10), (11, 13), (13, 15), (12, 14), (14, 16), (5, 6), (11, 12)]


def draw(frame, keypoints):
    for a, b in SKELETON:
        if keypoints[a, 2] > 0 and keypoints[b, 2] > 0:
            pa = tuple(int(v) for v in keypoints[a, :2])
            pb = tuple(int(v) for v in keypoints[b, :2])
            cv2.line(frame, pa, pb, (0, 255, 0), 2)
    return frame


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default="dance.mp4")
    parser.add_argument("--checkpoint", default="keypointnet.pth")
    parser.add_argument("--out", default="overlay.mp4")
    args = parser.parse_args()

    predictor = PosePredictor(args.checkpoint, device="cuda")
    cap = cv2.VideoCapture(args.source)
    writer, history = None, None
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        fields = predictor(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
        history = smooth_track(history, decode_keypoints(fields))
        if writer is None:
            h, w = frame.shape[:2]
            writer = cv2.VideoWriter(args.out, cv2.VideoWriter_fourcc(*"mp4v"), 30, (w, h))
        writer.write(draw(frame, np.asarray(history)))
    cap.release()
    if writer is not None:
        writer.release()


if __name__ == "__main__":
    main()
