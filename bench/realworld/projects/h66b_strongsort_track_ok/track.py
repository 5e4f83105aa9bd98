# source: https://github.com/mikel-brostrom/Yolov7_StrongSORT_OSNet/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: clean
"""YOLOv7 + StrongSORT tracking loop over a video: letterbox, detect, track, draw."""
import numpy as np
import torch
import torch.nn as nn

from reid_tracker import StrongSortLite


def letterbox(img, new_shape=640, stride=32, color=114):
    h, w = img.shape[:2]
    r = min(new_shape / h, new_shape / w)
    nh, nw = int(round(h * r)), int(round(w * r))
    dw, dh = np.mod(new_shape - nw, stride) / 2, np.mod(new_shape - nh, stride) / 2
    ys = (np.arange(nh) / r).astype(int).clip(0, h - 1)
    xs = (np.arange(nw) / r).astype(int).clip(0, w - 1)
    out = np.full((nh + int(2 * dh), nw + int(2 * dw), 3), color, np.uint8)
    out[int(dh):int(dh) + nh, int(dw):int(dw) + nw] = img[ys][:, xs]
    return out, r, (dw, dh)


class ToyYOLOv7(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("stride", torch.tensor([8.0, 16.0, 32.0]))
        self.fc = nn.Linear(3, 5 * 6)

    def forward(self, x):
        raw = self.fc(x.mean(dim=(2, 3))).view(-1, 5, 6).sigmoid()
        wh = raw[..., 2:4] * 120 + 20
        xy = raw[..., :2] * (x.shape[-1] - 150)
        return torch.cat([xy, xy + wh, raw[..., 4:5], (raw[..., 5:6] * 2).round()], -1)


def run(n_frames=4):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = ToyYOLOv7().to(device).eval()
    stride = int(model.stride.max())
    tracker = StrongSortLite(device)
    for frame_idx in range(n_frames):
        im0 = np.random.randint(0, 255, (480, 640, 3), dtype=np.uint8)
        img, ratio, (dw, dh) = letterbox(im0, 640, stride=stride)
        im = torch.from_numpy(img).to(device).permute(2, 0, 1)[None].float() / 255.0
        with torch.no_grad():
            det = model(im)[0]
        det[:, [0, 2]] = ((det[:, [0, 2]] - dw) / ratio).clamp(0, im0.shape[1])
        det[:, [1, 3]] = ((det[:, [1, 3]] - dh) / ratio).clamp(0, im0.shape[0])
        outputs = tracker.update(det, im0)
        n_people = int((det[:, 5] == 0).sum().item())
        print(f"frame {frame_idx}: {len(outputs)} tracks, {n_people} people, ids {outputs[:, 4].astype(int).tolist()}")


if __name__ == "__main__":
    run()
