# source: https://github.com/yassouali/pytorch-segmentation/issues/81
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 33, 55
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class LaneSegNet(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
        )
        self.classifier = nn.Conv2d(64, num_classes, 1)

    def forward(self, x):
        return self.classifier(self.encoder(x))


def multi_scale_predict(model, image, scales, num_classes, device):
    h, w = image.shape[-2:]
    total = torch.zeros((1, num_classes, h, w), device=device)
    for scale in scales:
        scaled = F.interpolate(image, scale_factor=scale, mode="bilinear", align_corners=False)
        pred = model(scaled.to(device))
        total += F.interpolate(pred, size=(h, w), mode="bilinear", align_corners=False)
    return total / len(scales)


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="checkpoints/lane_seg_best.pth")
    p.add_argument("--cpu", action="store_true", help="run inference on the CPU")
    p.add_argument("--num-classes", type=int, default=5)
    return p.parse_args()


def main():
    args = parse_args()
    available_gpus = list(range(torch.cuda.device_count()))
    device = torch.device("cpu" if args.cpu or not available_gpus else "cuda:0")

    model = LaneSegNet(args.num_classes)
    checkpoint = torch.load(args.model, map_location=device)
    state_dict = checkpoint.get("state_dict", checkpoint)
    if list(state_dict.keys())[0].startswith("module."):
        model = nn.DataParallel(model)
    model.load_state_dict(state_dict)
    model.to(device)
    model.eval()

    frames = [torch.rand(1, 3, 288, 800) for _ in range(4)]
    with torch.no_grad():
        for i, frame in enumerate(frames):
            prob = multi_scale_predict(model, frame, [0.75, 1.0, 1.25], args.num_classes, device)
            lane_mask = prob.argmax(dim=1).squeeze(0).cpu()
            print(i, "lane pixels:", int((lane_mask > 0).sum()))


if __name__ == "__main__":
    main()
