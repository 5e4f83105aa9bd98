# source: https://github.com/JudasDie/SOTS/issues/78
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 24
# needs: torch, numpy, matplotlib
# cpu: no written where torch was not installed; not run
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import torch


def output_to_target(output, width, height):
    """Convert per-image detections [x1, y1, x2, y2, conf, cls] to plot rows."""
    targets = []
    for i, dets in enumerate(output):
        if dets is None:
            continue
        for *box, conf, cls in dets:
            w, h = (box[2] - box[0]) / width, (box[3] - box[1]) / height
            targets.append([i, cls, box[0] / width + w / 2, box[1] / height + h / 2, w, h, conf])
    return np.array(targets)


def plot_images(images, targets, fname):
    fig, axes = plt.subplots(1, len(images), figsize=(4 * len(images), 4))
    for i, ax in enumerate(np.atleast_1d(axes)):
        ax.imshow(images[i].permute(1, 2, 0).cpu().numpy())
        for row in targets[targets[:, 0] == i]:
            _, _, cx, cy, w, h, _ = row
            H, W = images[i].shape[1:]
            ax.add_patch(plt.Rectangle(((cx - w / 2) * W, (cy - h / 2) * H), w * W, h * H,
                                       fill=False, color="lime"))
    fig.savefig(fname)
    plt.close(fig)


@torch.no_grad()
def evaluate(model, loader, device, conf_thres=0.4, log_dir="runs"):
    model.eval()
    for batch_i, (imgs, _, paths) in enumerate(loader):
        imgs = imgs.to(device).float() / 255.0
        _, _, height, width = imgs.shape
        preds = model(imgs)
        output = [p[p[:, 4] > conf_thres] if p is not None else None for p in preds]
        if batch_i < 3:
            plot_images(imgs, output_to_target(output, width, height),
                        f"{log_dir}/test_batch{batch_i}_pred.jpg")
