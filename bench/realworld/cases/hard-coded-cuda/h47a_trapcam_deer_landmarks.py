# source: https://github.com/vlad3996/HRNet-landmarks/issues/1
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper
# bug-lines: 21, 47
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Body landmarks (nose, withers, hocks, ...) for white-tailed deer crops coming
out of the camera-trap detector. Field technicians run this on their own laptops
after pulling SD cards, so it has to work without a GPU."""
import argparse

import numpy as np
import torch
from PIL import Image

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def load_landmark_net(ckpt_path, device="cuda"):
    net = torch.jit.load(ckpt_path, map_location="cpu")
    net.eval()
    net.to(device)
    return net


def crop_to_input(img, box, out_size=256):
    x0, y0, x1, y1 = box
    crop = img.crop((x0, y0, x1, y1)).resize((out_size, out_size))
    arr = np.asarray(crop, dtype=np.float32) / 255.0
    arr = (arr - MEAN) / STD
    return arr.transpose(2, 0, 1), (x1 - x0) / out_size, (y1 - y0) / out_size


def heatmaps_to_points(heatmaps, sx, sy, origin):
    n_kpt, h, w = heatmaps.shape
    flat = heatmaps.reshape(n_kpt, -1).argmax(dim=1)
    ys, xs = flat // w, flat % w
    stride = 256 / w
    pts = torch.stack([xs * stride * sx + origin[0], ys * stride * sy + origin[1]], dim=1)
    return pts.cpu().numpy()


def landmarks_for_box(net, img, box):
    arr, sx, sy = crop_to_input(img, box)
    x = torch.tensor(arr, dtype=torch.float32).unsqueeze(0).cuda()
    with torch.no_grad():
        heatmaps = net(x)[0]
    return heatmaps_to_points(heatmaps, sx, sy, box[:2])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="weights/deer_hrnet_w18.pt")
    parser.add_argument("--image", required=True)
    parser.add_argument("--box", type=int, nargs=4, required=True)
    args = parser.parse_args()

    model = load_landmark_net(args.weights)
    photo = Image.open(args.image).convert("RGB")
    for i, (px, py) in enumerate(landmarks_for_box(model, photo, args.box)):
        print(f"kpt {i:02d}: ({px:.1f}, {py:.1f})")
