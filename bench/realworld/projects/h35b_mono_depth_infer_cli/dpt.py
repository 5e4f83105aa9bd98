# source: https://github.com/DepthAnything/Depth-Anything-V2/issues/45
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, helper
# bug-lines: 47
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DEVICE = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


class DPTHead(nn.Module):
    def __init__(self, in_ch, features):
        super().__init__()
        self.proj = nn.Conv2d(in_ch, features, 1)
        self.out = nn.Sequential(nn.Conv2d(features, features // 2, 3, padding=1), nn.ReLU(), nn.Conv2d(features // 2, 1, 1))

    def forward(self, x):
        return F.relu(self.out(self.proj(x)))


class RelativeDepthNet(nn.Module):
    def __init__(self, encoder="vits", features=64, embed_dim=384):
        super().__init__()
        self.encoder_name = encoder
        self.patch_embed = nn.Conv2d(3, embed_dim, kernel_size=14, stride=14)
        self.blocks = nn.Sequential(*[nn.Conv2d(embed_dim, embed_dim, 3, padding=1) for _ in range(4)])
        self.depth_head = DPTHead(embed_dim, features)

    def forward(self, x):
        h, w = x.shape[-2:]
        feat = self.blocks(self.patch_embed(x))
        depth = self.depth_head(feat)
        depth = F.interpolate(depth, size=(h, w), mode="bilinear", align_corners=True)
        return depth.squeeze(1)

    @torch.no_grad()
    def infer_image(self, raw_image, input_size=518):
        image, (h, w) = self.image2tensor(raw_image, input_size)
        depth = self.forward(image)
        depth = F.interpolate(depth[:, None], (h, w), mode="bilinear", align_corners=True)[0, 0]
        return depth.cpu().numpy()

    def image2tensor(self, raw_image, input_size=518):
        h, w = raw_image.shape[:2]
        image = cv2.cvtColor(raw_image, cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0
        scale = input_size / min(h, w)
        new_h, new_w = (int(round(h * scale / 14)) * 14, int(round(w * scale / 14)) * 14)
        image = cv2.resize(image, (new_w, new_h), interpolation=cv2.INTER_CUBIC)
        image = (image - MEAN) / STD
        image = torch.from_numpy(image.transpose(2, 0, 1)).unsqueeze(0)
        image = image.to(DEVICE)
        return image, (h, w)
