# source: https://github.com/huggingface/optimum-intel/pull/182
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: module-not-placed
# shape: multi-file, helper, loader-loop, batch-dict
# bug-lines: 18
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


@torch.no_grad()
def generate_pseudo_labels(teacher, loader, device, threshold=0.9):
    teacher.eval()
    keep_ids, keep_labels = [], []
    for batch in loader:
        images = batch["image"].to(device)
        probs = teacher(images).softmax(dim=1)
        conf, pred = probs.max(dim=1)
        mask = conf >= threshold
        keep_ids.extend(np.asarray(batch["image_id"])[mask.cpu().numpy()].tolist())
        keep_labels.extend(pred[mask].cpu().tolist())
    return keep_ids, keep_labels
