# source: https://github.com/MengHao666/Minimal-Hand-pytorch/issues/79
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_mm)
# pattern: module-not-placed
# shape: multi-file, helper
# needs: torch, manopth
# cpu: no written where torch was not installed; not run
import torch
from manopth.manolayer import ManoLayer

MANO_ROOT = "mano/models"
# MANO joint order -> the 21-keypoint order used by the detector
MANO_TO_KP21 = [0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20]


def build_mano_layer(side="right", use_pca=False, ncomps=45):
    """MANO differentiable layer; all template/blend-shape tensors live in its buffers."""
    return ManoLayer(
        mano_root=MANO_ROOT,
        side=side,
        use_pca=use_pca,
        ncomps=ncomps,
        flat_hand_mean=True,
    )


def reorder_joints(joints):
    return joints[:, MANO_TO_KP21]


def align_by_root(joints, root_idx=9):
    return joints - joints[:, root_idx:root_idx + 1]


def mpjpe(pred, gt):
    return torch.linalg.norm(pred - gt, dim=-1).mean(dim=-1)
