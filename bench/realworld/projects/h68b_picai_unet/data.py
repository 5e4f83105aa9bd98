# source: https://github.com/DIAGNijmegen/picai_baseline/issues/53
# error: RuntimeError: one_hot is only applicable to index tensor.
# pattern: loss-target-dtype
# shape: multi-file, class
# bug-lines: 41
# needs: torch, numpy, SimpleITK
# cpu: no written where torch was not installed; not run
"""bpMRI (T2W, ADC, HBV) patches with csPCa lesion masks for the 3D U-Net baseline."""
import numpy as np
import SimpleITK as sitk
import torch
from torch.utils.data import Dataset


def read_volume(path):
    return sitk.GetArrayFromImage(sitk.ReadImage(str(path))).astype(np.float32)


def zscore(vol):
    return (vol - vol.mean()) / (vol.std() + 1e-8)


class ProstateLesionDataset(Dataset):
    def __init__(self, cases, crop=(16, 160, 160)):
        self.cases = cases  # list of dicts: t2w, adc, hbv, label paths
        self.crop = crop

    def __len__(self):
        return len(self.cases)

    def _center_crop(self, arr):
        d, h, w = self.crop
        z0 = (arr.shape[-3] - d) // 2
        y0 = (arr.shape[-2] - h) // 2
        x0 = (arr.shape[-1] - w) // 2
        return arr[..., z0:z0 + d, y0:y0 + h, x0:x0 + w]

    def __getitem__(self, i):
        case = self.cases[i]
        image = np.stack([zscore(read_volume(case[k])) for k in ("t2w", "adc", "hbv")])
        label = (read_volume(case["label"]) > 0).astype(np.float32)
        image, label = self._center_crop(image), self._center_crop(label)
        return torch.from_numpy(np.ascontiguousarray(image)), torch.from_numpy(np.ascontiguousarray(label))
