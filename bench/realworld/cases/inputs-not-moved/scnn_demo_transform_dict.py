# source: https://github.com/harryhan618/SCNN_Pytorch/issues/29 https://github.com/harryhan618/SCNN_Pytorch/issues/28
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: helper, batch-dict
# bug-lines: 55, 56
# cpu: clean
# needs: torch, numpy
import argparse

import numpy as np
import torch
import torch.nn as nn


class LaneNet(nn.Module):
    def __init__(self, n_lanes=4):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(4))
        self.seg_head = nn.Conv2d(8, n_lanes + 1, 1)
        self.exist_head = nn.Linear(8, n_lanes)

    def forward(self, img):
        feat = self.backbone(img)
        seg_pred = self.seg_head(feat)
        exist_pred = torch.sigmoid(self.exist_head(feat.mean(dim=(2, 3))))
        return seg_pred, exist_pred


class Resize:
    def __init__(self, size):
        self.size = size

    def __call__(self, sample):
        img = sample["img"]
        ys = np.linspace(0, img.shape[0] - 1, self.size[1]).astype(int)
        xs = np.linspace(0, img.shape[1] - 1, self.size[0]).astype(int)
        return {**sample, "img": img[ys][:, xs]}


class ToTensor:
    def __call__(self, sample):
        img = torch.from_numpy(sample["img"].transpose(2, 0, 1).copy()).float() / 255.0
        return {**sample, "img": img}


def main(args):
    net = LaneNet()
    if torch.cuda.is_available():
        net = net.cuda()
    net.eval()
    transform_to_net = lambda s: ToTensor()(Resize((64, 32))(s))

    for _ in range(args.frames):
        frame = np.random.randint(0, 255, size=(120, 200, 3), dtype=np.uint8)
        x = transform_to_net({"img": frame})["img"]
        seg_pred, exist_pred = net(x.unsqueeze(0))[:2]
        coord_mask = seg_pred.argmax(dim=1).squeeze(0).cpu().numpy()
        print(coord_mask.shape, (exist_pred > 0.5).cpu().tolist())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=2)
    main(parser.parse_args())
