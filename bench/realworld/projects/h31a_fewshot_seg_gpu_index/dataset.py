# source: https://github.com/slei109/PATNet/issues/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:4 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, batch-dict
# needs: torch, torchvision, Pillow
# cpu: no written where torch was not installed; not run
import os
import random

import numpy as np
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


class OneShotEpisodes(Dataset):
    """Episodes of (query, support) pairs; folder layout <root>/<benchmark>/<class>/{img,mask}/<id>."""

    def __init__(self, root, benchmark, split, size=400, episodes=1000):
        self.base = os.path.join(root, benchmark, split)
        self.classes = sorted(os.listdir(self.base))
        self.episodes = episodes
        self.img_tf = transforms.Compose([transforms.Resize((size, size)), transforms.ToTensor(),
                                          transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
        self.size = size

    def __len__(self):
        return self.episodes

    def _load(self, cls, name):
        img = Image.open(os.path.join(self.base, cls, "img", name)).convert("RGB")
        mask = Image.open(os.path.join(self.base, cls, "mask", name.rsplit(".", 1)[0] + ".png")).convert("L")
        mask = torch.from_numpy(np.array(mask.resize((self.size, self.size), Image.NEAREST)) > 0)
        return self.img_tf(img), mask.float()

    def __getitem__(self, idx):
        cls = random.choice(self.classes)
        q_name, s_name = random.sample(sorted(os.listdir(os.path.join(self.base, cls, "img"))), 2)
        q_img, q_mask = self._load(cls, q_name)
        s_img, s_mask = self._load(cls, s_name)
        return {"query_img": q_img, "query_mask": q_mask, "support_imgs": s_img[None],
                "support_masks": s_mask[None], "class_id": torch.tensor(self.classes.index(cls))}


class FSSDataset:
    @staticmethod
    def build_dataloader(benchmark, datapath, batch_size, split):
        dataset = OneShotEpisodes(datapath, benchmark, split)
        return DataLoader(dataset, batch_size=batch_size, shuffle=(split == "trn"), num_workers=4)
