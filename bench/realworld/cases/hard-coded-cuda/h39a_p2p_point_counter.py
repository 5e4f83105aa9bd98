# source: https://github.com/TencentYoutuResearch/CrowdCounting-P2PNet/issues/35
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper
# bug-lines: 56
# needs: torch, torchvision, numpy, opencv-python, pillow
# cpu: no written where torch was not installed; not run
import argparse
import os

import cv2
import numpy as np
import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from PIL import Image


class PointCounter(nn.Module):
    def __init__(self, num_anchors=4):
        super().__init__()
        vgg = torchvision.models.vgg16_bn(weights=None)
        self.backbone = nn.Sequential(*list(vgg.features.children())[:33])
        self.cls_head = nn.Conv2d(512, num_anchors * 2, 3, padding=1)
        self.reg_head = nn.Conv2d(512, num_anchors * 2, 3, padding=1)

    def forward(self, x):
        feat = self.backbone(x)
        b = feat.shape[0]
        logits = self.cls_head(feat).permute(0, 2, 3, 1).reshape(b, -1, 2)
        points = self.reg_head(feat).permute(0, 2, 3, 1).reshape(b, -1, 2)
        return {"pred_logits": logits, "pred_points": points}


def get_args():
    parser = argparse.ArgumentParser("P2P-style counter inference")
    parser.add_argument("--weight_path", default="")
    parser.add_argument("--img_path", default="./vis/demo1.jpg")
    parser.add_argument("--output_dir", default="./logs")
    parser.add_argument("--gpu_id", default=0, type=int)
    parser.add_argument("--threshold", default=0.5, type=float)
    return parser.parse_args()


def load_image(path):
    img = Image.open(path).convert("RGB")
    w, h = img.size
    img = img.resize((w // 128 * 128, h // 128 * 128))
    tf = T.Compose([T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    return img, tf(img).unsqueeze(0)


def main(args):
    os.environ["CUDA_VISIBLE_DEVICES"] = str(args.gpu_id)
    device = torch.device("cuda")
    model = PointCounter()
    model.to(device)
    if args.weight_path:
        checkpoint = torch.load(args.weight_path, map_location="cpu")
        model.load_state_dict(checkpoint["model"])
    model.eval()
    img_raw, samples = load_image(args.img_path)
    samples = samples.to(device)
    with torch.no_grad():
        outputs = model(samples)
    scores = torch.softmax(outputs["pred_logits"], -1)[0, :, 1]
    keep = scores > args.threshold
    points = outputs["pred_points"][0][keep].cpu().numpy().tolist()
    count = int(keep.sum())
    canvas = cv2.cvtColor(np.array(img_raw), cv2.COLOR_RGB2BGR)
    for x, y in points:
        canvas = cv2.circle(canvas, (int(x), int(y)), 2, (0, 0, 255), -1)
    os.makedirs(args.output_dir, exist_ok=True)
    cv2.imwrite(os.path.join(args.output_dir, "pred{}.jpg".format(count)), canvas)
    print("estimated count:", count)


if __name__ == "__main__":
    main(get_args())
