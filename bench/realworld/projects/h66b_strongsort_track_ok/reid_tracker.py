# source: https://github.com/mikel-brostrom/Yolov7_StrongSORT_OSNet/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: clean
"""StrongSORT-lite: appearance features on the GPU, association in NumPy."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class OSNetTiny(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, dim, 3, 2, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten())

    def forward(self, x):
        return F.normalize(self.net(x), dim=1)


class StrongSortLite:
    def __init__(self, device, max_cos_dist=0.3):
        self.device = device
        self.extractor = OSNetTiny().to(device).eval()
        self.max_cos_dist = max_cos_dist
        self.track_feats, self.track_ids, self.next_id = np.zeros((0, 64), np.float32), [], 1

    @torch.no_grad()
    def _features(self, xyxy, im0):
        crops = []
        for x1, y1, x2, y2 in xyxy.astype(int):
            crop = torch.from_numpy(np.ascontiguousarray(im0[max(y1, 0):y2, max(x1, 0):x2]))
            crop = crop.permute(2, 0, 1)[None].float().div(255)
            crops.append(F.interpolate(crop, size=(128, 64), mode="bilinear"))
        if not crops:
            return np.zeros((0, 64), np.float32)
        feats = self.extractor(torch.cat(crops).to(self.device))
        return feats.cpu().numpy()

    def update(self, dets, im0):
        dets = dets.detach().cpu().numpy()
        xyxy, confs, clss = dets[:, :4], dets[:, 4], dets[:, 5]
        feats = self._features(xyxy, im0)
        cost = 1.0 - feats @ self.track_feats.T if len(self.track_feats) else np.ones((len(feats), 0))
        ids = []
        for i in range(len(feats)):
            j = int(cost[i].argmin()) if cost.shape[1] else -1
            if j >= 0 and cost[i, j] < self.max_cos_dist:
                ids.append(self.track_ids[j])
                self.track_feats[j] = feats[i]
            else:
                ids.append(self.next_id)
                self.track_ids.append(self.next_id)
                self.track_feats = np.vstack([self.track_feats, feats[i:i + 1]])
                self.next_id += 1
        return np.concatenate([xyxy, np.array(ids)[:, None], clss[:, None], confs[:, None]], 1)
