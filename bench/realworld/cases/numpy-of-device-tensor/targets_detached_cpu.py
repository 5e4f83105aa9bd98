# source: https://github.com/WongKinYiu/yolor/issues/113
# error: none (correct version of the shape)
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


def output_to_target(output, width, height):
    targets = []
    for i, det in enumerate(output):
        if det is None:
            continue
        for *box, conf, cls in det.detach().cpu().tolist():
            w = (box[2] - box[0]) / width
            h = (box[3] - box[1]) / height
            targets.append([i, int(cls), box[0] / width + w / 2, box[1] / height + h / 2, w, h, conf])
    return np.array(targets, dtype=np.float32).reshape(-1, 7)


class RunningStd:
    def __init__(self):
        self.values = []

    def add(self, value):
        if isinstance(value, torch.Tensor):
            value = value.item()
        self.values.append(value)

    def value(self):
        arr = np.asarray(self.values, dtype=np.float64)
        return arr.mean(), np.sqrt(arr.var(ddof=1)) if len(arr) > 1 else np.inf


def fake_nms(pred, conf_thres):
    out = []
    for p in pred:
        keep = p[p[:, 4] > conf_thres]
        out.append(keep if keep.shape[0] else None)
    return out


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    head = nn.Linear(16, 6 * 6).to(device)
    meter = RunningStd()
    for batch in torch.randn(3, 4, 16):
        feats = batch.to(device)
        pred = head(feats).view(4, 6, 6).sigmoid() * torch.tensor([64, 64, 64, 64, 1, 3], device=device)
        output = fake_nms(pred, conf_thres=0.5)
        targets = output_to_target(output, 64, 64)
        meter.add(pred[..., 4].mean())
        scores = pred[..., 4].detach().cpu().numpy()
        print(targets.shape, float(np.median(scores)))
    print(meter.value())
