# source: https://github.com/poppinace/indexnet_matting/issues/20
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: class, helper
# bug-lines: 47, 63
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn

IMG_MEAN = np.array([0.485, 0.456, 0.406, 0.0], dtype=np.float32).reshape(1, 1, 4)
IMG_STD = np.array([0.229, 0.224, 0.225, 1.0], dtype=np.float32).reshape(1, 1, 4)


class IndexMattingNet(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(4, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width * 2, 3, stride=2, padding=1), nn.BatchNorm2d(width * 2), nn.ReLU(inplace=True),
        )
        self.decoder = nn.Sequential(
            nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False),
            nn.Conv2d(width * 2, width, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(width, 1, 3, padding=1), nn.Sigmoid(),
        )

    def forward(self, x):
        return self.decoder(self.encoder(x))


def strip_module_prefix(state_dict):
    cleaned = OrderedDict()
    for key, value in state_dict.items():
        cleaned[key[7:] if key.startswith("module.") else key] = value
    return cleaned


class Matting:
    def __init__(self, checkpoint_path):
        net = IndexMattingNet()
        state = torch.load(checkpoint_path, map_location="cpu")
        net.load_state_dict(strip_module_prefix(state["state_dict"]))
        self.net = nn.DataParallel(net)
        self.net.eval()

    @staticmethod
    def preprocess(image, trimap):
        img = image.astype(np.float32) / 255.0
        tri = trimap.astype(np.float32)[..., None] / 255.0
        stacked = (np.concatenate([img, tri], axis=2) - IMG_MEAN) / IMG_STD
        h, w = stacked.shape[:2]
        pad_h, pad_w = (32 - h % 32) % 32, (32 - w % 32) % 32
        stacked = np.pad(stacked, ((0, pad_h), (0, pad_w), (0, 0)), mode="reflect")
        return torch.from_numpy(stacked.transpose(2, 0, 1)).unsqueeze(0), (h, w)

    def predict(self, image, trimap):
        inputs, (h, w) = self.preprocess(image, trimap)
        with torch.no_grad():
            outputs = self.net(inputs).squeeze().cpu().numpy()
        alpha = outputs[:h, :w]
        alpha[trimap == 0] = 0.0
        alpha[trimap == 255] = 1.0
        return (alpha * 255).astype(np.uint8)


if __name__ == "__main__":
    matting = Matting("pretrained/indexnet_matting.pth.tar")
    image = np.random.randint(0, 255, (320, 480, 3), dtype=np.uint8)
    trimap = np.full((320, 480), 128, dtype=np.uint8)
    print(matting.predict(image, trimap).shape)
