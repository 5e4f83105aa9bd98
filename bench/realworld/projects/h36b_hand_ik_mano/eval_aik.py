# source: https://github.com/MengHao666/Minimal-Hand-pytorch/issues/79
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_mm)
# pattern: module-not-placed
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 29, 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from hand_layers import align_by_root, build_mano_layer, mpjpe, reorder_joints
from iknet import load_iknet


def load_split(npz_path):
    data = np.load(npz_path)
    pred_j3d = torch.from_numpy(data["pred_j3d"]).float()   # detector output, root-relative, metres
    gt_j3d = torch.from_numpy(data["gt_j3d"]).float()
    betas = torch.from_numpy(data["op_shape"]).float()     # shape fitted per subject
    return TensorDataset(pred_j3d, gt_j3d, betas)


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    iknet = load_iknet(args.ckpt, device)
    mano = build_mano_layer(side="right")
    loader = DataLoader(load_split(args.data), batch_size=args.batch_size)

    errors = []
    with torch.no_grad():
        for pred_j3d, gt_j3d, betas in loader:
            sample = {"pred": pred_j3d.to(device), "gt": gt_j3d.to(device), "betas": betas.to(device)}
            pose = iknet(sample["pred"])
            _, joints = mano(pose, sample["betas"])
            joints = align_by_root(reorder_joints(joints / 1000.0))
            errors.append(mpjpe(joints, align_by_root(sample["gt"])).cpu())
    print("IK MPJPE (mm): %.2f" % (torch.cat(errors).mean().item() * 1000))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/stb_eval.npz")
    parser.add_argument("--ckpt", default="checkpoints/iknet.pth")
    parser.add_argument("--batch_size", type=int, default=64)
    main(parser.parse_args())
