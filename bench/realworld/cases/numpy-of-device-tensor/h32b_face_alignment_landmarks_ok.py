# source: https://github.com/1adrianb/face-alignment/issues/362
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run

import cv2
import numpy as np
import torch


def crop(image, center, scale, resolution=256):
    half = 100.0 * scale
    x1, y1 = int(center[0] - half), int(center[1] - half)
    x2, y2 = int(center[0] + half), int(center[1] + half)
    h, w = image.shape[:2]
    padded = cv2.copyMakeBorder(image, max(0, -y1), max(0, y2 - h), max(0, -x1), max(0, x2 - w),
                                cv2.BORDER_CONSTANT)
    patch = padded[y1 + max(0, -y1):y2 + max(0, -y1), x1 + max(0, -x1):x2 + max(0, -x1)]
    return cv2.resize(patch, (resolution, resolution))


def heatmaps_to_points(hm):
    # hm: [B, 68, 64, 64] on whatever device the network ran on
    b, n, h, w = hm.shape
    idx = hm.view(b, n, -1).argmax(-1)
    pts = torch.stack([(idx % w).float(), (idx // w).float()], dim=-1)
    return pts * 4.0 + 2.0


class LandmarkPredictor:
    def __init__(self, fan, device="cuda", dtype=torch.bfloat16):
        self.device = torch.device(device)
        self.dtype = dtype
        self.fan = fan.to(self.device, dtype=self.dtype).eval()

    @torch.no_grad()
    def get_landmarks(self, image, face_boxes):
        results = []
        for box in face_boxes:
            x1, y1, x2, y2 = box[:4]
            center = np.array([x2 - (x2 - x1) / 2.0, y2 - (y2 - y1) / 2.0 - (y2 - y1) * 0.12])
            scale = (x2 - x1 + y2 - y1) / 195.0
            patch = crop(image, center, scale)
            inp = torch.from_numpy(patch.transpose(2, 0, 1)).float().div(255.0).unsqueeze(0)
            heatmaps = self.fan(inp.to(self.device, dtype=self.dtype))[-1]
            pts = heatmaps_to_points(heatmaps.float())
            pts = pts.detach().cpu().numpy()[0]
            # map 256x256 crop coordinates back to the original image
            results.append((pts / 256.0 - 0.5) * (200.0 * scale) + center)
        return results
