# source: https://github.com/mengxianglong123/weather-recognition/issues/1
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, helper
# bug-lines: 33
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
import os

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset, random_split
from torchvision import transforms

from config import Common, Train

transform = transforms.Compose([
    transforms.Resize(Common.image_size),
    transforms.ToTensor(),
])


def load_from_dirs():
    """Walk one folder per class and return (images, labels) lists."""
    images, labels = [], []
    for class_name in os.listdir(Common.base_path):
        class_dir = os.path.join(Common.base_path, class_name)
        for file_name in os.listdir(class_dir):
            with Image.open(os.path.join(class_dir, file_name)) as img:
                images.append(transform(img.convert("RGB")))
            class_idx = Common.labels.index(class_name)
            # store the class index as a tensor so the default collate can stack it
            label = torch.tensor(class_idx, dtype=torch.float)
            labels.append(label)
    return images, labels


class WeatherDataset(Dataset):
    def __init__(self):
        self.images, self.labels = load_from_dirs()

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        return self.images[idx], self.labels[idx]


def split(dataset, ratio=0.8):
    n_train = int(len(dataset) * ratio)
    return random_split(dataset, [n_train, len(dataset) - n_train])


train_set, val_set = split(WeatherDataset())
train_loader = DataLoader(train_set, batch_size=Train.batch_size, shuffle=True,
                          num_workers=Train.num_workers)
val_loader = DataLoader(val_set, batch_size=Train.batch_size, shuffle=False,
                        num_workers=Train.num_workers)
