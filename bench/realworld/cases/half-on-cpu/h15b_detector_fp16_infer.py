# source: https://github.com/open-mmlab/mmdetection/issues/2951 https://github.com/facebookresearch/fairseq/issues/511
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# bug-lines: 32, 42
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse
import glob

import torch
from PIL import Image
from torchvision.models.detection import fasterrcnn_mobilenet_v3_large_fpn
from torchvision.transforms.functional import to_tensor


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("images", help="glob pattern, e.g. 'data/*.jpg'")
    p.add_argument("--weights", default="detector.pth")
    p.add_argument("--device", default="cpu")
    p.add_argument("--fp16", action="store_true", help="half precision for faster inference")
    p.add_argument("--score-thr", type=float, default=0.5)
    return p.parse_args()


def init_detector(weights, device, fp16=False):
    model = fasterrcnn_mobilenet_v3_large_fpn(weights=None, weights_backbone=None, num_classes=91)
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model.to(device).eval()
    if fp16:
        model.half()
    return model


@torch.no_grad()
def inference_detector(model, paths, device, fp16=False):
    results = {}
    for path in paths:
        img = to_tensor(Image.open(path).convert("RGB")).to(device)
        if fp16:
            img = img.half()
        out = model([img])[0]
        results[path] = out
    return results


def main():
    args = parse_args()
    model = init_detector(args.weights, args.device, fp16=args.fp16)
    results = inference_detector(model, sorted(glob.glob(args.images)), args.device, fp16=args.fp16)
    for path, det in results.items():
        keep = det["scores"] > args.score_thr
        print(path, det["boxes"][keep].float().tolist(), det["labels"][keep].tolist())


if __name__ == "__main__":
    main()
