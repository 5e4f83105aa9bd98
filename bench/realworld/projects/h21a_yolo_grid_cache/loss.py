# source: https://github.com/Zzh-tju/ultralytics-YOLOv3-Cluster-NMS/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# bug-lines: 23
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def wh_iou(wh1, wh2):
    wh1 = wh1[:, None]
    wh2 = wh2[None]
    inter = torch.min(wh1, wh2).prod(2)
    return inter / (wh1.prod(2) + wh2.prod(2) - inter)


def build_targets(model, targets):
    # targets: [image, class, x, y, w, h], xywh normalised to 0-1
    layer = model.yolo
    ng = layer.ng
    gwh = targets[:, 4:6] * ng
    iou, a = wh_iou(layer.anchor_vec, gwh).max(0)
    b, c = targets[:, :2].long().t()
    gxy = targets[:, 2:4] * ng
    gi, gj = gxy.long().t()
    tbox = torch.cat((gxy - gxy.floor(), gwh), 1)
    return c, tbox, (b, a, gj, gi), layer.anchor_vec[a]


def compute_loss(p, targets, model):
    bce = nn.BCEWithLogitsLoss()
    tcls, tbox, (b, a, gj, gi), anchors = build_targets(model, targets)
    tobj = torch.zeros_like(p[..., 4])
    lbox = lcls = torch.zeros(1, device=p.device)
    if b.shape[0]:
        ps = p[b, a, gj, gi]
        pxy = torch.sigmoid(ps[:, :2])
        pwh = torch.exp(ps[:, 2:4]).clamp(max=1e3) * anchors
        lbox = ((torch.cat((pxy, pwh), 1) - tbox) ** 2).mean()
        tobj[b, a, gj, gi] = 1.0
        t = torch.zeros_like(ps[:, 5:])
        t[range(len(tcls)), tcls] = 1.0
        lcls = bce(ps[:, 5:], t)
    lobj = bce(p[..., 4], tobj)
    loss = lbox + lobj + lcls
    return loss, torch.cat((lbox.view(1), lobj.view(1), lcls.view(1))).detach()
