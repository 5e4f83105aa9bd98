# source: https://github.com/hustvl/YOLOP/issues/51
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: multi-file, class, helper
# bug-lines: 18, 19
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def build_targets(pred_shapes, targets, anchors):
    """Match ground-truth boxes (img, cls, x, y, w, h) to anchors of every detection layer."""
    tcls, tbox, indices = [], [], []
    na, nt = anchors.shape[1], targets.shape[0]
    for i, (ny, nx) in enumerate(pred_shapes):
        # per-layer gain that rescales normalised boxes to the grid size
        gain = torch.ones(6).cuda()
        ai = torch.arange(na).float().view(na, 1).repeat(1, nt).cuda()
        gain[2:6] = torch.tensor([nx, ny, nx, ny], dtype=torch.float32)
        t = targets * gain
        b, c = t[:, :2].long().T
        gxy, gwh = t[:, 2:4], t[:, 4:6]
        gi, gj = gxy.long().T
        indices.append((b, ai[:, 0].long(), gj.clamp_(0, ny - 1), gi.clamp_(0, nx - 1)))
        tbox.append(torch.cat((gxy - gxy.floor(), gwh), 1))
        tcls.append(c)
    return tcls, tbox, indices


class MultiHeadLoss(nn.Module):
    def __init__(self, anchors):
        super().__init__()
        self.register_buffer("anchors", anchors)
        self.bce = nn.BCEWithLogitsLoss()

    def forward(self, det_out, seg_out, targets, seg_target):
        shapes = [p.shape[2:4] for p in det_out]
        tcls, tbox, indices = build_targets(shapes, targets, self.anchors)
        lbox = sum(((p[..., :4].mean() - tb.mean()) ** 2) for p, tb in zip(det_out, tbox))
        lseg = self.bce(seg_out, seg_target)
        return lbox + lseg
