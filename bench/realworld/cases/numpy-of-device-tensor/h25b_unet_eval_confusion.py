# source: https://github.com/1Konny/gradcam_plus_plus-pytorch/issues/10
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Validation for a lesion-segmentation U-Net: confusion matrix, per-class IoU and overlay export."""
import numpy as np
import torch


def fast_confusion(pred, gt, num_classes, ignore_index=255):
    valid = gt != ignore_index
    idx = num_classes * gt[valid].astype(np.int64) + pred[valid]
    return np.bincount(idx, minlength=num_classes ** 2).reshape(num_classes, num_classes)


def colorize(mask, palette):
    return palette[np.clip(mask, 0, len(palette) - 1)]


@torch.no_grad()
def evaluate(model, loader, num_classes, device, palette=None, export=None):
    model.eval()
    confusion = np.zeros((num_classes, num_classes), dtype=np.int64)
    for i, batch in enumerate(loader):
        images = batch["image"].to(device, non_blocking=True)
        logits = model(images)
        probs = torch.softmax(logits, dim=1)
        pred = probs.argmax(dim=1).cpu().numpy()
        gt = batch["mask"].numpy()
        confusion += fast_confusion(pred.ravel(), gt.ravel(), num_classes)

        if export is not None and i < 4:
            heat = probs[:, 1].detach().cpu().numpy()
            overlay = colorize(pred[0], palette) if palette is not None else pred[0]
            np.savez_compressed(f"{export}/val_{i:03d}.npz", heat=heat[0], overlay=overlay,
                                case_id=np.array(batch["case_id"][0]))

    iou = np.diag(confusion) / np.maximum(confusion.sum(0) + confusion.sum(1) - np.diag(confusion), 1)
    acc = np.diag(confusion).sum() / max(confusion.sum(), 1)
    return {"miou": float(iou.mean()), "per_class_iou": iou.tolist(), "pixel_acc": float(acc)}


def report(metrics, class_names):
    print(f"mIoU {metrics['miou']:.4f}  pixel acc {metrics['pixel_acc']:.4f}")
    for name, value in zip(class_names, metrics["per_class_iou"]):
        print(f"  {name:>12s}: {value:.4f}")
