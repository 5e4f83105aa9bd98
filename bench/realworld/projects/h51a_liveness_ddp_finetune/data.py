# source: https://github.com/facebookresearch/VMZ/issues/124
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cuda', index=0), device(type='cpu')}.
# pattern: module-added-after-placement
# shape: multi-file
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
"""Face crops for anti-spoofing: one line per frame, `path,label` with label 1 = live, 0 = spoof."""
import csv

from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms

TRAIN_TF = transforms.Compose([
    transforms.RandomResizedCrop(224, scale=(0.8, 1.0)),
    transforms.RandomHorizontalFlip(),
    transforms.ColorJitter(0.2, 0.2, 0.1),
    transforms.ToTensor(),
    transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])


class SpoofFrames(Dataset):
    def __init__(self, index_csv, transform=TRAIN_TF):
        with open(index_csv, newline="") as f:
            self.rows = [(r["path"], int(r["label"])) for r in csv.DictReader(f)]
        self.transform = transform

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        path, label = self.rows[i]
        return self.transform(Image.open(path).convert("RGB")), label
