# source: https://github.com/tianweiy/CenterPoint-KITTI/issues/5
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import os

import numpy as np
import torch


def collapse_tasks(task_maps):
    """list over tasks of (B, C_t, H, W) -> (B, H, W) max over all classes, as float32 numpy."""
    per_task = [t.detach().max(dim=1).values for t in task_maps]
    merged = torch.stack(per_task, dim=0).max(dim=0).values
    return merged.float().cpu().numpy()


def peak_stats(pred, gt, thresh=0.3):
    pred_peaks = (pred > thresh).sum(axis=(1, 2))
    gt_peaks = (gt > 0.99).sum(axis=(1, 2))
    return np.stack([pred_peaks, gt_peaks], axis=1)


@torch.no_grad()
def dump_heatmaps(model, loader, out_dir, device="cuda", max_batches=20):
    os.makedirs(out_dir, exist_ok=True)
    model.eval()
    stats = []
    for i, batch in enumerate(loader):
        if i == max_batches:
            break
        batch = {k: (v.to(device) if torch.is_tensor(v) else [x.to(device) for x in v]) for k, v in batch.items()}
        preds = model.head(model.backbone(batch["points"], batch["num_points"]))
        targets = model.head.get_targets(batch["gt_boxes"], batch["gt_labels"])
        pred_np, gt_np = collapse_tasks(preds), collapse_tasks(targets)
        np.savez_compressed(os.path.join(out_dir, f"batch_{i:03d}.npz"), pred=pred_np, gt=gt_np)
        stats.append(peak_stats(pred_np, gt_np))
    stats = np.concatenate(stats, axis=0)
    print(f"mean predicted peaks {stats[:, 0].mean():.1f} vs gt centers {stats[:, 1].mean():.1f}")
    return stats
