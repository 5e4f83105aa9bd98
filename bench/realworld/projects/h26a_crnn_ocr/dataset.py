# source: https://github.com/Holmeyoung/crnn-pytorch/issues/17
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: legacy-tensor-constructor
# shape: multi-file, helper, loader-loop
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms


class TextLineDataset(Dataset):
    """Reads 'path<TAB>label' lines produced by the synthetic text renderer."""

    def __init__(self, list_file):
        with open(list_file, encoding="utf-8") as f:
            self.items = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        path, label = self.items[idx]
        return Image.open(path).convert("L"), label


class AlignCollate:
    def __init__(self, img_h=32, img_w=100):
        self.transform = transforms.Compose([
            transforms.Resize((img_h, img_w)),
            transforms.ToTensor(),
            transforms.Normalize([0.5], [0.5]),
        ])

    def __call__(self, batch):
        images, labels = zip(*batch)
        return torch.stack([self.transform(img) for img in images]), list(labels)
