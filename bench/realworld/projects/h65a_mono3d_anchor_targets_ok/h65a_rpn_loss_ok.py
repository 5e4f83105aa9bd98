# source: https://github.com/brazgardian/M3D-RPN/issues/4
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from h65a_anchors_ok import locate_anchors


class RPN3DLoss(nn.Module):
    def __init__(self, anchors, stride=16):
        super().__init__()
        self.anchors = anchors  # numpy (A, 9), host-side lookup table
        self.stride = stride

    def forward(self, cls, bbox_3d, batch, feat_size):
        device = cls.device
        rois = torch.from_numpy(locate_anchors(self.anchors, *feat_size, self.stride)).to(device)
        anchor_idx = rois[:, 4].long().cpu().numpy()
        src_anchors = self.anchors[anchor_idx, :]  # (N, 9) numpy
        gt_z = batch["gt_depth"].detach().cpu().numpy()  # (B,)
        z_tar = np.log(gt_z[:, None] / src_anchors[None, :, 4])
        z_tar = torch.from_numpy(z_tar.astype(np.float32)).to(device)
        fg = torch.from_numpy(np.abs(z_tar.cpu().numpy()) < 0.3).to(device)
        loss_cls = F.cross_entropy(cls.reshape(-1, 2), fg.reshape(-1).long())
        pred_z = bbox_3d[..., 0]
        loss_z = F.smooth_l1_loss(pred_z[fg], z_tar[fg]) if fg.any() else pred_z.sum() * 0
        stats = {"fg_ratio": fg.float().mean().item(), "z_err": (pred_z - z_tar).abs().mean().item()}
        return loss_cls + loss_z, stats
