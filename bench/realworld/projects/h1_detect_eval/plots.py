# source: https://github.com/WongKinYiu/yolor/issues/113
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, multi-file
# bug-lines: 30
# cpu: no library module, run evaluate.py
# needs: torch, numpy
import numpy as np
import torch


def output_to_target(output, width, height):
    if isinstance(output, torch.Tensor):
        output = output.cpu().numpy()

    targets = []
    for i, o in enumerate(output):
        if o is None:
            continue
        for pred in o:
            box = pred[:4]
            w = (box[2] - box[0]) / width
            h = (box[3] - box[1]) / height
            x = box[0] / width + w / 2
            y = box[1] / height + h / 2
            conf = pred[4]
            cls = int(pred[5])
            targets.append([i, cls, x, y, w, h, conf])

    return np.array(targets)


def summarize_targets(targets, names=None):
    if isinstance(targets, torch.Tensor):
        targets = targets.cpu().numpy()
    if len(targets) == 0:
        print("no detections")
        return {}
    classes = targets[:, 1].astype(int)
    counts = np.bincount(classes)
    summary = {}
    for c, n in enumerate(counts):
        label = names[c] if names else str(c)
        summary[label] = int(n)
    print("detections per class:", summary, "mean conf %.3f" % targets[:, 6].mean())
    return summary
