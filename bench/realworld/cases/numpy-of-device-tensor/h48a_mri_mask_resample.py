# source: https://github.com/Tencent/MedicalNet/issues/39
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 29
# needs: torch, numpy, scipy, nibabel
# cpu: no written where torch was not installed; not run
import os
import nibabel as nib
import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage
from torch.utils.data import DataLoader


def dice_per_class(pred, label, n_classes):
    scores = np.zeros(n_classes)
    for c in range(n_classes):
        p, g = pred == c, label == c
        denom = p.sum() + g.sum()
        scores[c] = 2.0 * np.logical_and(p, g).sum() / denom if denom else 1.0
    return scores


def resample_to_scan(prob_volume, scan_shape):
    _, d, h, w = prob_volume.shape
    factors = [1, scan_shape[0] / d, scan_shape[1] / h, scan_shape[2] / w]
    resized = ndimage.zoom(prob_volume, factors, order=1)
    return np.argmax(resized, axis=0)


@torch.no_grad()
def segment_cases(model, loader, scan_paths, device):
    model.eval()
    masks = []
    for idx, volume in enumerate(loader):
        volume = volume.to(device)
        logits = model(volume)
        probs = F.softmax(logits, dim=1)
        scan = nib.load(scan_paths[idx]).get_fdata()
        masks.append(resample_to_scan(probs[0], scan.shape))
    return masks


def evaluate(model, dataset, scan_paths, label_paths, n_classes, device):
    loader = DataLoader(dataset, batch_size=1, shuffle=False, num_workers=2)
    masks = segment_cases(model, loader, scan_paths, device)
    all_scores = []
    for mask, label_path in zip(masks, label_paths):
        label = nib.load(label_path).get_fdata().astype(np.int64)
        all_scores.append(dice_per_class(mask, label, n_classes))
    print("mean dice per class:", np.stack(all_scores).mean(axis=0)[1:])


class NiftiVolumes(torch.utils.data.Dataset):
    def __init__(self, paths, size=(56, 112, 112)):
        self.paths, self.size = paths, size

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        vol = torch.from_numpy(nib.load(self.paths[i]).get_fdata()).float()
        return F.interpolate(vol[None, None], size=self.size, mode="trilinear")[0]


if __name__ == "__main__":
    root = "data/MRBrainS18"
    with open(os.path.join(root, "val.txt")) as fh:
        rows = [line.split() for line in fh if line.strip()]
    scans = [os.path.join(root, r[0]) for r in rows]
    labels = [os.path.join(root, r[1]) for r in rows]
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = torch.nn.Sequential(torch.nn.Conv3d(1, 16, 3, padding=1), torch.nn.ReLU(),
                              torch.nn.Conv3d(16, 4, 1))
    state = torch.load("trails/seg3d_epoch_199.pth", map_location=device)
    net.load_state_dict(state["state_dict"])
    net.to(device)
    evaluate(net, NiftiVolumes(scans), scans, labels, 4, device)
