# source: https://github.com/ultralytics/yolov5/issues/2106
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 28, 31
# needs: torch, numpy
# cpu: clean
"""Validation loop of a YOLO-pose trainer that dumps predicted skeletons for the mosaic plot."""
import numpy as np
import torch
import torch.nn as nn


def nms_per_image(pred, conf_thres=0.25):
    out = []
    for p in pred:  # p: (anchors, 6 + 3 * nkpt) -> xywh, conf, cls, kpts
        p = p[p[:, 4] > conf_thres]
        out.append(p)
    return out


def output_to_target(output, nkpt=17):
    if isinstance(output, torch.Tensor):
        output = output.cpu().numpy()
    targets = []
    for i, o in enumerate(output):
        for det in o:
            box, conf, cls = det[:4], det[4], det[5]
            kpts = det[6:6 + 3 * nkpt]
            targets.append([i, cls, *box.tolist(), conf, *kpts.tolist()])
    return np.array(targets)


def plot_batch(imgs, targets, fname):
    n_people = 0 if targets.size == 0 else int((targets[:, 0] >= 0).sum())
    print(f"{fname}: {imgs.shape[0]} images, {n_people} skeletons")


@torch.no_grad()
def validate(model, loader, device, plot_batches=2):
    model.eval()
    for batch_i, (imgs, _) in enumerate(loader):
        imgs = imgs.to(device).float() / 255.0
        raw = model(imgs)
        preds = nms_per_image(raw)
        if batch_i < plot_batches:
            plot_batch(imgs, output_to_target(preds), f"val_batch{batch_i}_pred.jpg")


class DummyPoseModel(nn.Module):
    def __init__(self, nkpt=17):
        super().__init__()
        self.conv = nn.Conv2d(3, 6 + 3 * nkpt, 8, 8)

    def forward(self, x):
        return self.conv(x).flatten(2).transpose(1, 2).sigmoid() * 64


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = DummyPoseModel().to(device)
    loader = [(torch.randint(0, 255, (2, 3, 64, 64), dtype=torch.uint8), None) for _ in range(3)]
    validate(model, loader, device)
