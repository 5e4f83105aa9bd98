# source: https://github.com/kuaikuaikim/dface/issues/39
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, class, loader-loop
# bug-lines: 56
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import cv2
import numpy as np
import torch
import torch.nn as nn

from image_tools import convert_image_to_tensor


class PNet(nn.Module):
    """Proposal network: 12x12 face / non-face classifier with box regression."""

    def __init__(self):
        super().__init__()
        self.pre_layer = nn.Sequential(
            nn.Conv2d(3, 10, 3), nn.PReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(10, 16, 3), nn.PReLU(),
            nn.Conv2d(16, 32, 3), nn.PReLU(),
        )
        self.conv4_1 = nn.Conv2d(32, 1, 1)
        self.conv4_2 = nn.Conv2d(32, 4, 1)

    def forward(self, x):
        x = self.pre_layer(x)
        return torch.sigmoid(self.conv4_1(x)), self.conv4_2(x)


class MtcnnDetector:
    def __init__(self, pnet_path, min_face_size=24, scale_factor=0.709, threshold=0.6):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.pnet = PNet()
        self.pnet.load_state_dict(torch.load(pnet_path, map_location="cpu"))
        self.pnet.to(self.device).eval()
        self.min_face_size = min_face_size
        self.scale_factor = scale_factor
        self.threshold = threshold

    def resize_image(self, img, scale):
        h, w = img.shape[:2]
        return cv2.resize(img, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_LINEAR)

    def detect_pnet(self, im):
        net_size = 12
        current_scale = float(net_size) / self.min_face_size
        im_resized = self.resize_image(im, current_scale)
        all_boxes = []
        while min(im_resized.shape[:2]) > net_size:
            feed_imgs = convert_image_to_tensor(im_resized).unsqueeze(0).to(self.device)
            with torch.no_grad():
                cls_map, reg = self.pnet(feed_imgs)
            cls_map = cls_map[0, 0].cpu().numpy()
            ys, xs = np.where(cls_map > self.threshold)
            for y, x in zip(ys, xs):
                x1, y1 = 2 * x / current_scale, 2 * y / current_scale
                size = net_size / current_scale
                all_boxes.append([x1, y1, x1 + size, y1 + size, cls_map[y, x]])
            current_scale *= self.scale_factor
            im_resized = self.resize_image(im, current_scale)
        return np.array(all_boxes) if all_boxes else np.zeros((0, 5))
