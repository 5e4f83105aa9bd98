# source: https://github.com/WongKinYiu/yolov7/issues/1045
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: clean
"""YOLOv5-pose style build_targets: every helper tensor follows the targets' device."""
import torch
import torch.nn as nn


class PoseTargetBuilder:
    def __init__(self, anchors, strides=(8, 16, 32), num_kpts=17, anchor_t=4.0):
        self.anchors = [torch.tensor(a, dtype=torch.float32) for a in anchors]
        self.strides = strides
        self.nk = num_kpts
        self.anchor_t = anchor_t
        self.na = len(anchors[0])

    def __call__(self, preds, targets):
        nt = targets.shape[0]  # targets: (img, cls, x, y, w, h, kx1, ky1, ..., kxK, kyK) normalised
        gain = torch.ones(6 + 2 * self.nk, device=targets.device)
        ai = torch.arange(self.na, device=targets.device).float().view(self.na, 1).repeat(1, nt)
        targets = torch.cat((targets.repeat(self.na, 1, 1), ai[:, :, None]), 2)
        out = []
        for i, p in enumerate(preds):
            anchors = self.anchors[i].to(targets.device) / self.strides[i]
            gain[2:6] = torch.tensor(p.shape)[[3, 2, 3, 2]]
            gain[6:] = torch.tensor(p.shape)[[3, 2]].repeat(self.nk)
            t = targets * torch.cat((gain, gain.new_ones(1)))
            r = t[..., 4:6] / anchors[:, None]
            j = torch.max(r, 1 / r).max(2)[0] < self.anchor_t
            t = t[j]
            b, a = t[:, 0].long(), t[:, -1].long()
            gij = t[:, 2:4].long()
            gi = gij[:, 0].clamp_(0, p.shape[3] - 1)
            gj = gij[:, 1].clamp_(0, p.shape[2] - 1)
            kpt_offsets = t[:, 6:-1].view(-1, self.nk, 2) - gij[:, None].float()
            layer = torch.full_like(b, i)
            out.append((b, a, gj, gi, kpt_offsets, anchors[a], layer))
        return out


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    anchors = [[(10, 13), (16, 30), (33, 23)], [(30, 61), (62, 45), (59, 119)], [(116, 90), (156, 198), (373, 326)]]
    builder = PoseTargetBuilder(anchors)
    head = nn.ModuleList(nn.Conv2d(8, 3 * (6 + 17 * 3), 1) for _ in range(3)).to(device)
    batches = [(torch.randn(2, 8, 64, 64), torch.rand(4, 6 + 34) * 0.5 + 0.25) for _ in range(2)]
    for imgs, targets in batches:
        targets[:, 0] = torch.tensor([0, 0, 1, 1])
        imgs, targets = imgs.to(device), targets.to(device)
        preds = [conv(imgs[..., ::s, ::s]) for conv, s in zip(head, (1, 2, 4))]
        for b, a, gj, gi, koff, anc, layer in builder(preds, targets):
            print(layer.device, b.shape, koff.shape)
