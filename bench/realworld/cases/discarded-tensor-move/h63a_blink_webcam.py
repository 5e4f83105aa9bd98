# source: https://github.com/yoshidan/pytorch-eyeblink-detection/issues/3
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _thnn_conv2d_forward
# pattern: discarded-tensor-move
# shape: class
# bug-lines: 50
# needs: torch, torchvision, opencv-python, numpy
# cpu: no written where torch was not installed; not run
"""Eye-blink counter on a webcam stream with a small CNN eye-state classifier."""
import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class EyeNet(nn.Module):
    def __init__(self, num_classes=2):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.conv3 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc = nn.Linear(64 * 3 * 3, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.max_pool2d(F.relu(self.conv3(x)), 2)
        return self.fc(torch.flatten(x, 1))


class BlinkDetector:
    def __init__(self, weights, closed_frames=2):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net = EyeNet()
        self.net.load_state_dict(torch.load(weights, map_location="cpu"))
        self.net.to(self.device).eval()
        self.eye_cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_eye.xml")
        self.closed_frames = closed_frames
        self.counter = 0
        self.blinks = 0

    def _to_tensor(self, crop):
        gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
        gray = cv2.resize(gray, (24, 24)).astype(np.float32) / 255.0
        return torch.from_numpy(gray).unsqueeze(0).unsqueeze(0)

    @torch.no_grad()
    def eye_closed(self, crop):
        x = self._to_tensor(crop)
        x.to(self.device)
        prob = self.net(x).softmax(dim=1)[0, 1]
        return prob.item() > 0.5

    def update(self, frame):
        eyes = self.eye_cascade.detectMultiScale(frame, 1.1, 5, minSize=(24, 24))
        if len(eyes) == 0:
            return self.blinks
        x, y, w, h = eyes[0]
        if self.eye_closed(frame[y:y + h, x:x + w]):
            self.counter += 1
        else:
            if self.counter >= self.closed_frames:
                self.blinks += 1
            self.counter = 0
        return self.blinks


if __name__ == "__main__":
    detector = BlinkDetector("eye_state_cnn.pth")
    cap = cv2.VideoCapture(0)
    while cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        blinks = detector.update(frame)
        cv2.putText(frame, f"blinks: {blinks}", (10, 30), cv2.FONT_HERSHEY_SIMPLEX, 1, (0, 0, 255), 2)
        cv2.imshow("blink", frame)
        if cv2.waitKey(1) & 0xFF == 27:
            break
    cap.release()
