# source: https://github.com/amdegroot/ssd.pytorch/issues/536
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class, helper
# bug-lines: 48, 49
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


def match_priors(truths, labels, priors, threshold):
    """Give every prior box the ground-truth box it overlaps most (corner form)."""
    lt = torch.max(truths[:, None, :2], priors[None, :, :2])
    rb = torch.min(truths[:, None, 2:], priors[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(dim=2)
    area_t = (truths[:, 2:] - truths[:, :2]).prod(dim=1)[:, None]
    area_p = (priors[:, 2:] - priors[:, :2]).prod(dim=1)[None, :]
    overlaps = inter / (area_t + area_p - inter)
    best_overlap, best_idx = overlaps.max(dim=0)
    loc = truths[best_idx] - priors
    conf = labels[best_idx] + 1
    conf[best_overlap < threshold] = 0
    return loc, conf


class MultiBoxLoss(nn.Module):
    """SSD loss: smooth L1 on matched boxes + cross entropy with hard negative mining."""

    def __init__(self, num_classes, overlap_thresh, neg_pos_ratio, use_gpu=True):
        super().__init__()
        self.num_classes = num_classes
        self.threshold = overlap_thresh
        self.negpos_ratio = neg_pos_ratio
        self.use_gpu = use_gpu

    def forward(self, predictions, targets):
        loc_data, conf_data, priors = predictions
        num, num_priors = loc_data.size(0), priors.size(0)
        loc_t = torch.zeros(num, num_priors, 4)
        conf_t = torch.zeros(num, num_priors, dtype=torch.long)
        for idx in range(num):
            truths = targets[idx][:, :-1]
            labels = targets[idx][:, -1].long()
            loc_t[idx], conf_t[idx] = match_priors(truths, labels, priors, self.threshold)
        if self.use_gpu:
            loc_t = loc_t.cuda()
            conf_t = conf_t.cuda()

        pos = conf_t > 0
        loss_l = F.smooth_l1_loss(loc_data[pos], loc_t[pos], reduction="sum")

        batch_conf = conf_data.view(-1, self.num_classes)
        mining = F.cross_entropy(batch_conf, conf_t.view(-1), reduction="none").view(num, -1)
        mining[pos] = 0
        _, loss_idx = mining.sort(1, descending=True)
        _, idx_rank = loss_idx.sort(1)
        num_neg = (self.negpos_ratio * pos.long().sum(1, keepdim=True)).clamp(max=num_priors - 1)
        neg = idx_rank < num_neg
        keep = pos | neg
        loss_c = F.cross_entropy(conf_data[keep], conf_t[keep], reduction="sum")

        n = pos.sum().clamp(min=1).float()
        return loss_l / n, loss_c / n
