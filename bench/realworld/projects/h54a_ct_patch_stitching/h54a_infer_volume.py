# source: https://github.com/ProjectNeura/MIPCandy/pull/33
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: tensor-created-without-device
# shape: multi-file, class, helper
# needs: torch, numpy, nibabel, monai
# cpu: no written where torch was not installed; not run
import argparse

import nibabel as nib
import numpy as np
import torch
from monai.networks.nets import UNet

from h54a_stitching import PatchStitcher

PATCH = (96, 96, 96)


def load_ct(path):
    img = nib.load(path)
    hu = np.clip(img.get_fdata(dtype=np.float32), -1000.0, 1000.0)
    return (hu + 1000.0) / 2000.0, img.affine


@torch.no_grad()
def segment(model, volume, device, batch_size=4):
    stitcher = PatchStitcher(PATCH, overlap=0.5)
    vol = torch.from_numpy(volume).to(device)
    starts = stitcher.grid(vol.shape)
    logits = []
    for i in range(0, len(starts), batch_size):
        chunk = starts[i:i + batch_size]
        patches = torch.stack([
            vol[z:z + PATCH[0], y:y + PATCH[1], x:x + PATCH[2]] for z, y, x in chunk
        ]).unsqueeze(1)
        logits.extend(model(patches).unbind(0))
    probs = stitcher.merge(logits, starts, vol.shape).softmax(dim=0)
    return probs.argmax(dim=0).to(torch.uint8).cpu().numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ct", required=True)
    ap.add_argument("--weights", required=True)
    ap.add_argument("--out", default="pred_seg.nii.gz")
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = UNet(spatial_dims=3, in_channels=1, out_channels=3,
                 channels=(16, 32, 64, 128), strides=(2, 2, 2))
    model.load_state_dict(torch.load(args.weights, map_location=device))
    model.to(device).eval()

    volume, affine = load_ct(args.ct)
    seg = segment(model, volume, device)
    nib.save(nib.Nifti1Image(seg, affine), args.out)


if __name__ == "__main__":
    main()
