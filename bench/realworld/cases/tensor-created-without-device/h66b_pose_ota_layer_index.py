# source: https://github.com/WongKinYiu/yolov7/pull/1229
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# bug-lines: 38, 49
# needs: torch
# cpu: clean
"""OTA-style target assignment for a YOLOv7-pose head (three output levels, 17 keypoints)."""
import torch
import torch.nn as nn


class PoseOTALoss:
    def __init__(self, num_kpts=17, strides=(8, 16, 32), anchor_t=4.0):
        self.num_kpts = num_kpts
        self.strides = strides
        self.anchor_t = anchor_t

    def find_candidates(self, pred, targets, stride):
        b, _, h, w = pred.shape[:4]
        gxy = targets[:, 2:4] / stride
        gi = gxy[:, 0].long().clamp_(0, w - 1)
        gj = gxy[:, 1].long().clamp_(0, h - 1)
        wh = targets[:, 4:6] / stride
        ratio = torch.max(wh, 1.0 / wh.clamp(min=1e-6)).max(1)[0]
        keep = ratio < self.anchor_t
        return targets[keep, 0].long(), gj[keep], gi[keep], targets[keep]

    def build_targets(self, preds, targets):
        matching_bs, matching_gjs, matching_gis = [], [], []
        matching_targets, from_which_layer = [], []
        for i, (pi, stride) in enumerate(zip(preds, self.strides)):
            b, gj, gi, t = self.find_candidates(pi, targets, stride)
            matching_bs.append(b)
            matching_gjs.append(gj)
            matching_gis.append(gi)
            matching_targets.append(t)
            from_which_layer.append(torch.ones(size=(len(b),)) * i)

        matching_bs = torch.cat(matching_bs)
        from_which_layer = torch.cat(from_which_layer)
        pred_obj, start = [], 0
        for pi, gj, gi in zip(preds, matching_gjs, matching_gis):
            bb = matching_bs[start:start + len(gj)]
            pred_obj.append(pi[bb, 4, gj, gi])
            start += len(gj)
        fg_mask_inboxes = torch.cat(pred_obj).sigmoid() > 0.1
        matching_bs = matching_bs[fg_mask_inboxes]
        from_which_layer = from_which_layer[fg_mask_inboxes]
        return matching_bs, from_which_layer

    def __call__(self, preds, targets):
        bs, layer_idx = self.build_targets(preds, targets)
        loss = sum(p[..., 4].sigmoid().mean() for p in preds)
        return loss + 0.0 * layer_idx.sum(), len(bs)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    head = nn.ModuleList(nn.Conv2d(8, 5 + 17 * 3, 1) for _ in range(3)).to(device)
    criterion = PoseOTALoss()
    loader = [(torch.randn(2, 8, 32, 32), torch.tensor([[0, 0, 100., 120., 40., 90.], [1, 0, 60., 64., 30., 70.]]))] * 2
    for imgs, targets in loader:
        imgs, targets = imgs.to(device), targets.to(device)
        feats = [imgs, imgs[..., ::2, ::2], imgs[..., ::4, ::4]]
        preds = [conv(f) for conv, f in zip(head, feats)]
        loss, n = criterion(preds, targets)
        loss.backward()
        print(loss.item(), n)
