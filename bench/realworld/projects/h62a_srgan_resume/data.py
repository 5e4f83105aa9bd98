# source: https://github.com/open-mmlab/mmengine/issues/1538
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import os

from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


class PairedSRDataset(Dataset):
    """Reads GT crops and makes the low-resolution input by bicubic downsampling."""

    def __init__(self, gt_dir, crop=96, scale=4):
        self.paths = sorted(
            os.path.join(gt_dir, f) for f in os.listdir(gt_dir) if f.lower().endswith((".png", ".jpg"))
        )
        self.crop = transforms.Compose([transforms.RandomCrop(crop), transforms.RandomHorizontalFlip()])
        self.to_lr = transforms.Resize(crop // scale, interpolation=transforms.InterpolationMode.BICUBIC)
        self.to_tensor = transforms.ToTensor()

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        gt = self.crop(Image.open(self.paths[idx]).convert("RGB"))
        lq = self.to_lr(gt)
        return {"lq": self.to_tensor(lq), "gt": self.to_tensor(gt)}


def build_loader(gt_dir, batch_size=16, workers=4):
    return DataLoader(PairedSRDataset(gt_dir), batch_size=batch_size, shuffle=True,
                      num_workers=workers, pin_memory=True, drop_last=True)
