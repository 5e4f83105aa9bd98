# source: https://github.com/IIPCVLAB/LCCNet/pull/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop, batch-dict
# bug-lines: 33, 36
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn.functional as F


def quaternion_distance(q, r):
    """Angle (rad) between two batches of unit quaternions."""
    dot = (q * r).sum(dim=1).abs().clamp(max=1.0)
    return 2.0 * torch.acos(dot)


def calib_loss(target_transl, target_rot, transl_err, rot_err, rescale_rot=1.0):
    loss_t = F.smooth_l1_loss(transl_err, target_transl, reduction="none").sum(1).mean()
    loss_r = quaternion_distance(F.normalize(rot_err, dim=1), target_rot).mean()
    return loss_t + rescale_rot * loss_r


def val_step(model, rgb, lidar_depth, target_transl, target_rot):
    model.eval()
    with torch.no_grad():
        transl_err, rot_err = model(rgb, lidar_depth)
    loss = calib_loss(target_transl, target_rot, transl_err, rot_err)

    rot_error_deg = quaternion_distance(F.normalize(rot_err, dim=1), target_rot) * 180.0 / math.pi
    total_transl_error = torch.tensor(0.0)
    for j in range(rgb.shape[0]):
        # translation error in centimetres, accumulated per sample
        total_transl_error += torch.norm(target_transl[j] - transl_err[j]) * 100.0
    return loss.item(), total_transl_error.item(), rot_error_deg.sum().item()


def run_validation(model, val_loader, device):
    totals = {"loss": 0.0, "transl_cm": 0.0, "rot_deg": 0.0, "n": 0}
    for batch in val_loader:
        rgb = batch["rgb"].to(device)
        lidar_depth = batch["lidar_input"].to(device)
        target_transl = batch["tr_error"].to(device)
        target_rot = batch["rot_error"].to(device)
        loss, t_err, r_err = val_step(model, rgb, lidar_depth, target_transl, target_rot)
        totals["loss"] += loss * rgb.shape[0]
        totals["transl_cm"] += t_err
        totals["rot_deg"] += r_err
        totals["n"] += rgb.shape[0]
    n = max(totals["n"], 1)
    return {k: v / n for k, v in totals.items() if k != "n"}
