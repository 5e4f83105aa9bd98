# source: https://github.com/Tencent/MedicalNet/issues/38
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, batch-dict, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, scipy, nibabel
# cpu: no written where torch was not installed; not run
import glob
import os

import nibabel as nib
import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage
from torch.utils.data import DataLoader, Dataset


class LungCTCases(Dataset):
    def __init__(self, folder, size=(64, 128, 128)):
        self.paths = sorted(glob.glob(os.path.join(folder, "*.nii.gz")))
        self.size = size

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        img = nib.load(self.paths[i])
        hu = np.clip(img.get_fdata().astype(np.float32), -1000, 400)
        vol = torch.from_numpy((hu + 1000) / 1400)[None, None]
        vol = F.interpolate(vol, size=self.size, mode="trilinear", align_corners=False)[0]
        return {"volume": vol, "shape": torch.tensor(hu.shape), "path": self.paths[i]}


class VolumePredictor:
    def __init__(self, model, device):
        self.model = model.to(device).eval()
        self.device = device

    @torch.no_grad()
    def probabilities(self, batch):
        logits = self.model(batch["volume"].to(self.device))
        return F.softmax(logits, dim=1)

    def postprocess(self, probs, orig_shape):
        probs = probs.cpu().numpy()
        _, d, h, w = probs.shape
        factors = [1, orig_shape[0] / d, orig_shape[1] / h, orig_shape[2] / w]
        return np.argmax(ndimage.zoom(probs, factors, order=1), axis=0).astype(np.uint8)

    def run(self, loader, out_dir):
        os.makedirs(out_dir, exist_ok=True)
        for batch in loader:
            probs = self.probabilities(batch)
            for b in range(probs.size(0)):
                shape = batch["shape"][b].tolist()
                mask = self.postprocess(probs[b], shape)
                ref = nib.load(batch["path"][b])
                name = os.path.basename(batch["path"][b]).replace(".nii.gz", "_mask.nii.gz")
                nib.save(nib.Nifti1Image(mask, ref.affine), os.path.join(out_dir, name))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = torch.nn.Sequential(
        torch.nn.Conv3d(1, 24, 3, padding=1), torch.nn.InstanceNorm3d(24), torch.nn.ReLU(),
        torch.nn.Conv3d(24, 3, 1),
    )
    net.load_state_dict(torch.load("weights/lobe_seg3d.pt", map_location="cpu"))
    loader = DataLoader(LungCTCases("data/lung_ct/test"), batch_size=2, num_workers=2)
    VolumePredictor(net, device).run(loader, "predictions")
