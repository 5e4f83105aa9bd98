# source: https://github.com/JaidedAI/EasyOCR/pull/50
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# bug-lines: 35
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run

from collections import OrderedDict

import cv2
import numpy as np
import torch
import torch.backends.cudnn as cudnn

from craft import CRAFT


def copy_state_dict(state_dict):
    start = 1 if list(state_dict.keys())[0].startswith("module") else 0
    new_state = OrderedDict()
    for k, v in state_dict.items():
        new_state[".".join(k.split(".")[start:])] = v
    return new_state


def get_detector(trained_model, device="cpu"):
    net = CRAFT()
    if device == "cpu":
        net.load_state_dict(copy_state_dict(torch.load(trained_model, map_location=device)))
    else:
        # weights are mapped straight onto the GPU ...
        net.load_state_dict(copy_state_dict(torch.load(trained_model, map_location=device)))
        # ... so spreading over all visible GPUs should be enough
        net = torch.nn.DataParallel(net)
        cudnn.benchmark = False
    net.eval()
    return net


def normalize_mean_variance(img, mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)):
    img = img.astype(np.float32)
    img -= np.array([m * 255.0 for m in mean], dtype=np.float32)
    img /= np.array([s * 255.0 for s in std], dtype=np.float32)
    return img


@torch.no_grad()
def test_net(net, image, canvas_size, device, text_threshold=0.7):
    h, w = image.shape[:2]
    ratio = canvas_size / max(h, w)
    resized = cv2.resize(image, (int(w * ratio) // 32 * 32, int(h * ratio) // 32 * 32))
    x = torch.from_numpy(normalize_mean_variance(resized)).permute(2, 0, 1).unsqueeze(0).to(device)
    y, _ = net(x)
    score_text = y[0, :, :, 0].cpu().numpy()
    return score_text > text_threshold, ratio


def get_textbox(detector, image, canvas_size, device):
    mask, ratio = test_net(detector, image, canvas_size, device)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=4)
    boxes = []
    for k in range(1, n):
        x, y, bw, bh, _ = stats[k]
        boxes.append(np.array([x, y, x + bw, y + bh], dtype=np.float32) * 2 / ratio)
    return boxes
