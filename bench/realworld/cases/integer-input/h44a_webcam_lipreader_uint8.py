# source: https://github.com/Deci-AI/super-gradients/issues/1256
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 48, 68
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Live webcam lip reading demo: buffer mouth crops and classify every 29 frames."""
from collections import deque

import cv2
import numpy as np
import torch
import torch.nn as nn

CLIP_LEN = 29
ROI = 88


class LipWordNet(nn.Module):
    def __init__(self, num_words=500):
        super().__init__()
        self.frontend = nn.Sequential(
            nn.Conv3d(1, 64, (5, 7, 7), stride=(1, 2, 2), padding=(2, 3, 3), bias=False),
            nn.BatchNorm3d(64),
            nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool3d((CLIP_LEN, 1, 1)),
        )
        self.temporal = nn.Conv1d(64, 256, 3, padding=1)
        self.classifier = nn.Linear(256, num_words)

    def forward(self, x):  # x: (B, 1, T, H, W)
        f = self.frontend(x).flatten(2)  # (B, 64, T)
        f = torch.relu(self.temporal(f)).mean(dim=2)
        return self.classifier(f)


def crop_mouth(frame_bgr):
    """Very rough mouth crop: lower-centre square of the detected face region."""
    gray = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    roi = gray[h // 2: h // 2 + h // 3, w // 3: 2 * w // 3]
    return cv2.resize(roi, (ROI, ROI))  # uint8


def clip_to_tensor(frames, device):
    clip = np.stack(frames, axis=0)  # (T, 88, 88) uint8
    return torch.from_numpy(clip)[None, None].to(device)


def run_webcam(weights="lipword_lrw.pth", camera_index=0):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = LipWordNet()
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model = model.to(device).eval()
    vocab = [w.strip() for w in open("lrw_vocab.txt")]

    cap = cv2.VideoCapture(camera_index)
    buffer = deque(maxlen=CLIP_LEN)
    while cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        buffer.append(crop_mouth(frame))
        if len(buffer) == CLIP_LEN:
            clip = clip_to_tensor(list(buffer), device)
            with torch.no_grad():
                logits = model(clip)
            word = vocab[int(logits.argmax(dim=1))]
            cv2.putText(frame, word, (20, 40), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 255, 0), 2)
            buffer.clear()
        cv2.imshow("lip reader", frame)
        if cv2.waitKey(1) & 0xFF == ord("q"):
            break
    cap.release()
    cv2.destroyAllWindows()


if __name__ == "__main__":
    run_webcam()
