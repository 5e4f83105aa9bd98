# source: https://github.com/Megvii-BaseDetection/YOLOX/issues/1345
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: class
# bug-lines: 34, 35
# needs: torch, numpy, torch2trt
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn


def build_detector(num_classes=20, width=64):
    return nn.Sequential(
        nn.Conv2d(3, width, 3, 2, 1), nn.BatchNorm2d(width), nn.SiLU(),
        nn.Conv2d(width, width * 2, 3, 2, 1), nn.BatchNorm2d(width * 2), nn.SiLU(),
        nn.Conv2d(width * 2, 5 + num_classes, 1),
    )


class Predictor:
    def __init__(self, model, test_size, trt_file=None, device="gpu", fp16=False):
        self.model = model
        self.test_size = test_size
        self.device = device
        self.fp16 = fp16
        if trt_file is not None:
            from torch2trt import TRTModule

            model_trt = TRTModule()
            model_trt.load_state_dict(torch.load(trt_file))
            x = torch.ones(1, 3, test_size[0], test_size[1]).cuda()
            self.model(x)
            self.model = model_trt

    def inference(self, img):
        img = torch.from_numpy(img).permute(2, 0, 1).unsqueeze(0).float()
        if self.device == "gpu":
            img = img.cuda()
            if self.fp16:
                img = img.half()
        with torch.no_grad():
            return self.model(img)


def main(args):
    model = build_detector()
    if args.device == "gpu":
        model.cuda()
        if args.fp16:
            model.half()
    model.eval()
    predictor = Predictor(model, (640, 640), args.trt_file, args.device, args.fp16)
    img = np.random.randint(0, 255, (640, 640, 3)).astype(np.float32)
    print(predictor.inference(img).shape)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="gpu")
    p.add_argument("--fp16", action="store_true")
    p.add_argument("--trt_file", default=None)
    main(p.parse_args())
