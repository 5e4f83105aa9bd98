# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/254
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import os
import random

from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms

IMG_EXTS = (".jpg", ".jpeg", ".png")


def list_images(folder):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith(IMG_EXTS))


class UnalignedDataset(Dataset):
    def __init__(self, dataroot, phase="train", load_size=286, crop_size=256):
        self.paths_A = list_images(os.path.join(dataroot, phase + "A"))
        self.paths_B = list_images(os.path.join(dataroot, phase + "B"))
        self.transform = transforms.Compose([
            transforms.Resize(load_size, Image.BICUBIC),
            transforms.RandomCrop(crop_size),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
        ])

    def __len__(self):
        return max(len(self.paths_A), len(self.paths_B))

    def __getitem__(self, index):
        path_A = self.paths_A[index % len(self.paths_A)]
        path_B = self.paths_B[random.randint(0, len(self.paths_B) - 1)]
        img_A = Image.open(path_A).convert("RGB")
        img_B = Image.open(path_B).convert("RGB")
        return {"A": self.transform(img_A), "B": self.transform(img_B), "A_paths": path_A, "B_paths": path_B}
