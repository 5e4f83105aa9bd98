# source: https://github.com/WongKinYiu/yolov7/issues/306
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn.functional as F


def gather_candidates(preds, targets):
    device = targets.device
    b_all, a_all, gj_all, gi_all, layer_ids, cand = [], [], [], [], [], []
    for i, pi in enumerate(preds):
        _, na, ny, nx, _ = pi.shape
        gi = (targets[:, 2] * nx).long().clamp(0, nx - 1).repeat(na)
        gj = (targets[:, 3] * ny).long().clamp(0, ny - 1).repeat(na)
        b = targets[:, 0].long().repeat(na)
        a = torch.arange(na, device=device).repeat_interleave(len(targets))
        b_all.append(b)
        a_all.append(a)
        gj_all.append(gj)
        gi_all.append(gi)
        cand.append(pi[b, a, gj, gi])
        layer_ids.append(torch.full((len(b),), i, device=device, dtype=torch.long))
    cat = lambda xs: torch.cat(xs, dim=0)
    return cat(b_all), cat(a_all), cat(gj_all), cat(gi_all), cat(layer_ids), cat(cand)


def dynamic_k_match(targets, cand, num_classes, topk=10):
    n_gt, n_cand = len(targets), len(cand)
    gt_cls = F.one_hot(targets[:, 1].long(), num_classes).float()[:, None].expand(n_gt, n_cand, num_classes)
    cost = F.binary_cross_entropy_with_logits(
        cand[None, :, 5:].expand(n_gt, n_cand, num_classes), gt_cls, reduction="none").sum(-1)
    matching = torch.zeros_like(cost)
    _, pos = torch.topk(cost, k=min(topk, n_cand), dim=1, largest=False)
    matching.scatter_(1, pos, 1.0)
    return matching.sum(0) > 0


def assign(preds, targets, num_classes=80):
    b, a, gj, gi, layer_ids, cand = gather_candidates(preds, targets)
    fg = dynamic_k_match(targets, cand, num_classes)
    return {"b": b[fg], "a": a[fg], "gj": gj[fg], "gi": gi[fg], "layer": layer_ids[fg]}


def train_epoch(model, loader, optimizer, device):
    for imgs, targets in loader:
        imgs, targets = imgs.to(device).float() / 255.0, targets.to(device)
        preds = model(imgs)
        match = assign(preds, targets)
        loss = 0.0
        for i, pi in enumerate(preds):
            sel = match["layer"] == i
            tobj = torch.zeros_like(pi[..., 4])
            tobj[match["b"][sel], match["a"][sel], match["gj"][sel], match["gi"][sel]] = 1.0
            loss = loss + F.binary_cross_entropy_with_logits(pi[..., 4], tobj)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
