# source: https://github.com/amdegroot/ssd.pytorch/issues/323
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #2 'other'
# pattern: cache-builder-cpu-default
# shape: multi-file, helper, batch-dict
# bug-lines: 33, 38
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


def point_form(boxes):
    return torch.cat((boxes[:, :2] - boxes[:, 2:] / 2, boxes[:, :2] + boxes[:, 2:] / 2), 1)


def jaccard(box_a, box_b):
    max_xy = torch.min(box_a[:, None, 2:], box_b[None, :, 2:])
    min_xy = torch.max(box_a[:, None, :2], box_b[None, :, :2])
    inter = torch.clamp(max_xy - min_xy, min=0).prod(2)
    area_a = ((box_a[:, 2] - box_a[:, 0]) * (box_a[:, 3] - box_a[:, 1]))[:, None]
    area_b = ((box_b[:, 2] - box_b[:, 0]) * (box_b[:, 3] - box_b[:, 1]))[None, :]
    return inter / (area_a + area_b - inter)


def encode(matched, priors, variances):
    g_cxcy = ((matched[:, :2] + matched[:, 2:]) / 2 - priors[:, :2]) / (variances[0] * priors[:, 2:])
    g_wh = torch.log((matched[:, 2:] - matched[:, :2]) / priors[:, 2:]) / variances[1]
    return torch.cat([g_cxcy, g_wh], 1)


def match(threshold, truths, priors, variances, labels, loc_t, conf_t, idx):
    overlaps = jaccard(truths, point_form(priors))
    best_truth_overlap, best_truth_idx = overlaps.max(0)
    matches = truths[best_truth_idx]
    conf = labels[best_truth_idx] + 1
    conf[best_truth_overlap < threshold] = 0
    loc_t[idx] = encode(matches, priors, variances)
    conf_t[idx] = conf


class MultiBoxLoss(nn.Module):
    def __init__(self, num_classes, overlap_thresh=0.5, variance=(0.1, 0.2)):
        super().__init__()
        self.num_classes, self.threshold, self.variance = num_classes, overlap_thresh, variance

    def forward(self, predictions, targets):
        loc_data, conf_data, priors = predictions
        num, num_priors = loc_data.size(0), priors.size(0)
        loc_t = torch.zeros(num, num_priors, 4, device=loc_data.device)
        conf_t = torch.zeros(num, num_priors, dtype=torch.long, device=loc_data.device)
        for idx in range(num):
            truths, labels = targets[idx][:, :-1], targets[idx][:, -1].long()
            match(self.threshold, truths, priors, self.variance, labels, loc_t, conf_t, idx)
        pos = conf_t > 0
        loss_l = F.smooth_l1_loss(loc_data[pos], loc_t[pos], reduction="sum")
        loss_c = F.cross_entropy(conf_data.view(-1, self.num_classes), conf_t.view(-1), reduction="sum")
        n = pos.sum().clamp(min=1)
        return loss_l / n, loss_c / n
