# source: https://github.com/robert-graf/VIBESegmentator/issues/2
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# needs: torch, numpy, nibabel
# cpu: no written where torch was not installed; not run
import argparse

import nibabel as nib
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class SlabDataset(Dataset):
    def __init__(self, volume, slab=32):
        self.volume = volume
        self.slab = slab
        self.starts = list(range(0, max(volume.shape[-1] - slab, 0) + 1, slab // 2))

    def __len__(self):
        return len(self.starts)

    def __getitem__(self, i):
        s = self.starts[i]
        return torch.from_numpy(self.volume[None, :, :, s:s + self.slab].copy()), s


def inference_dtype(device):
    return torch.float16 if device.type == "cuda" else torch.float32


def load_network(ckpt_path, device):
    net = torch.jit.load(ckpt_path, map_location="cpu")
    return net.to(device=device, dtype=inference_dtype(device)).eval()


@torch.no_grad()
def segment(net, volume, device, num_classes=72, slab=32):
    dtype = inference_dtype(device)
    logits = torch.zeros((num_classes,) + volume.shape, dtype=torch.float32)
    counts = torch.zeros(volume.shape[-1])
    for patch, starts in DataLoader(SlabDataset(volume, slab), batch_size=2):
        out = net(patch.to(device=device, dtype=dtype)).float().cpu()
        for b, s in enumerate(starts.tolist()):
            logits[..., s:s + slab] += out[b]
            counts[s:s + slab] += 1
    return (logits / counts.clamp(min=1)).argmax(0).numpy().astype(np.uint8)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--img", required=True)
    parser.add_argument("--out", default="seg.nii.gz")
    parser.add_argument("--model", default="weights/vibe_total_seg.pt")
    parser.add_argument("--ddevice", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()

    device = torch.device(args.ddevice)
    nii = nib.load(args.img)
    vol = nii.get_fdata().astype(np.float32)
    vol = (vol - vol.mean()) / (vol.std() + 1e-6)
    seg = segment(load_network(args.model, device), vol, device)
    nib.save(nib.Nifti1Image(seg, nii.affine), args.out)


if __name__ == "__main__":
    main()
