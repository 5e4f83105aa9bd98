# source: https://github.com/WongKinYiu/yolov7/issues/1224
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, loader-loop, batch-dict
# bug-lines: 36, 53
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn.functional as F


class OTAAssigner:
    """Dynamic-k label assignment in the style of YOLOv7's ComputeLossOTA.build_targets."""

    def __init__(self, num_anchors=3, num_classes=80, topk=10):
        self.na, self.nc, self.topk = num_anchors, num_classes, topk

    def candidates(self, pred, targets):
        _, _, ny, nx, _ = pred.shape
        gi = (targets[:, 2] * nx).long().clamp(0, nx - 1)
        gj = (targets[:, 3] * ny).long().clamp(0, ny - 1)
        b = targets[:, 0].long()
        a = torch.arange(self.na, device=targets.device).repeat_interleave(len(targets))
        return b.repeat(self.na), a, gj.repeat(self.na), gi.repeat(self.na)

    def build_targets(self, preds, targets):
        all_b, all_a, all_gj, all_gi, cand_preds, from_which_layer = [], [], [], [], [], []
        for i, pi in enumerate(preds):
            b, a, gj, gi = self.candidates(pi, targets)
            all_b.append(b)
            all_a.append(a)
            all_gj.append(gj)
            all_gi.append(gi)
            cand_preds.append(pi[b, a, gj, gi])
            from_which_layer.append(torch.ones(size=(len(b),)) * i)
        all_b, all_a = torch.cat(all_b), torch.cat(all_a)
        all_gj, all_gi = torch.cat(all_gj), torch.cat(all_gi)
        cand_preds = torch.cat(cand_preds)
        from_which_layer = torch.cat(from_which_layer, dim=0)

        n_gt, n_cand = len(targets), len(cand_preds)
        gt_cls = F.one_hot(targets[:, 1].long(), self.nc).float()[:, None].expand(n_gt, n_cand, self.nc)
        cls_logits = cand_preds[None, :, 5:].expand(n_gt, n_cand, self.nc)
        cost = F.binary_cross_entropy_with_logits(cls_logits, gt_cls, reduction="none").sum(-1)

        matching_matrix = torch.zeros_like(cost)
        k = min(self.topk, n_cand)
        for gt_idx in range(n_gt):
            _, pos_idx = torch.topk(cost[gt_idx], k=k, largest=False)
            matching_matrix[gt_idx][pos_idx] = 1.0
        fg_mask_inboxes = matching_matrix.sum(0) > 0.0
        from_which_layer = from_which_layer[fg_mask_inboxes]
        return {"b": all_b[fg_mask_inboxes], "a": all_a[fg_mask_inboxes], "gj": all_gj[fg_mask_inboxes],
                "gi": all_gi[fg_mask_inboxes], "layer": from_which_layer}


def objectness_loss(preds, assignment):
    loss = 0.0
    for i, pi in enumerate(preds):
        tobj = torch.zeros_like(pi[..., 4])
        sel = assignment["layer"] == i
        tobj[assignment["b"][sel], assignment["a"][sel], assignment["gj"][sel], assignment["gi"][sel]] = 1.0
        loss = loss + F.binary_cross_entropy_with_logits(pi[..., 4], tobj)
    return loss


def train_one_epoch(model, loader, assigner, optimizer, device):
    for imgs, targets in loader:  # targets: [n, 6] = (img_idx, cls, x, y, w, h)
        imgs, targets = imgs.to(device).float() / 255.0, targets.to(device)
        preds = model(imgs)  # list of [bs, na, ny, nx, 5 + nc]
        loss = objectness_loss(preds, assigner.build_targets(preds, targets))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
