# source: https://github.com/xuelunshen/rfnet/issues/23
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run

import argparse

import cv2
import numpy as np
import torch

from rf_det_module import RFDetModule


class RFNetWrapper(torch.nn.Module):
    def __init__(self, det):
        super().__init__()
        self.det = det

    def read_image(self, path, size):
        img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        img = cv2.resize(img, (size[1], size[0])).astype(np.float32) / 255.0
        return torch.from_numpy(img)[None, None]

    @torch.no_grad()
    def detect(self, img_path, device, size=(240, 320)):
        img = self.read_image(img_path, size).to(device)
        score_map = self.det(img)
        im_score = self.det.process(score_map)[0]
        kps, scores = self.det.topk_keypoints(im_score[None])
        return kps[0].cpu().numpy(), scores[0].cpu().numpy()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--img1", default="data/example/img1.png")
    parser.add_argument("--img2", default="data/example/img2.png")
    parser.add_argument("--resume", default="runs/rfnet/model.pth.tar")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RFNetWrapper(RFDetModule())
    state = torch.load(args.resume, map_location="cpu")
    model.load_state_dict(state["state_dict"], strict=False)
    model = model.to(device).eval()

    kp1, _ = model.detect(args.img1, device)
    kp2, _ = model.detect(args.img2, device)
    print("keypoints:", kp1.shape, kp2.shape)
