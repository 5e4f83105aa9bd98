# source: https://github.com/mlcommons/inference/issues/95
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: helper
# bug-lines: 55, 56
# cpu: clean
# needs: torch
import argparse
import time

import torch
import torch.nn as nn


class TinySSD(nn.Module):
    def __init__(self, num_classes=81, num_anchors=4):
        super().__init__()
        self.num_classes = num_classes
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.loc_head = nn.Conv2d(64, num_anchors * 4, 3, padding=1)
        self.conf_head = nn.Conv2d(64, num_anchors * num_classes, 3, padding=1)

    def forward(self, x):
        feats = self.backbone(x)
        n = x.shape[0]
        ploc = self.loc_head(feats).view(n, 4, -1)
        plabel = self.conf_head(feats).view(n, self.num_classes, -1)
        return ploc, plabel


class CocoValSubset:
    def __init__(self, n_images=8, size=64):
        self.img_keys = list(range(1000, 1000 + n_images))
        self.size = size

    def __len__(self):
        return len(self.img_keys)

    def __getitem__(self, idx):
        img = torch.rand(3, self.size, self.size)
        return img, (480, 640), None, None


def coco_eval(model, coco, threshold, device):
    model.eval()
    model.to(device)
    detections = []
    start = time.time()
    for idx, image_id in enumerate(coco.img_keys):
        img, (htot, wtot), _, _ = coco[idx]
        with torch.no_grad():
            inp = img.unsqueeze(0)
            ploc, plabel = model(inp)
        scores = plabel.softmax(dim=1)[0, 1:].amax(dim=0)
        boxes = ploc[0, :, scores > threshold].t().cpu()
        for box in boxes:
            detections.append([image_id, box[0].item() * wtot, box[1].item() * htot])
    print(f"parsed {len(coco)} images in {time.time() - start:.2f}s, {len(detections)} boxes")
    return detections


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=0.01)
    parser.add_argument("--no-cuda", action="store_true")
    args = parser.parse_args()
    use_cuda = torch.cuda.is_available() and not args.no_cuda
    device = torch.device("cuda" if use_cuda else "cpu")
    ssd300 = TinySSD()
    coco_eval(ssd300, CocoValSubset(), args.threshold, device)


if __name__ == "__main__":
    main()
