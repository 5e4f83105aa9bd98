# source: https://github.com/ruotianluo/ImageCaptioning.pytorch/issues/87
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 21, 22
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""Evaluate a show-attend-tell captioner on a folder of raw images."""
import os

import torch
import torch.nn as nn
import torchvision
from PIL import Image
from torch.utils.data import DataLoader, Dataset


class ImageNormalizer(nn.Module):
    def __init__(self, mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)):
        super().__init__()
        self.mean = torch.tensor(mean).view(1, 3, 1, 1)
        self.std = torch.tensor(std).view(1, 3, 1, 1)

    def forward(self, x):
        return (x - self.mean) / self.std


class CaptionModel(nn.Module):
    def __init__(self, vocab_size, embed_dim=512, hidden=512):
        super().__init__()
        self.normalize = ImageNormalizer()
        resnet = torchvision.models.resnet101(weights="IMAGENET1K_V1")
        self.encoder = nn.Sequential(*list(resnet.children())[:-2])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.init_h = nn.Linear(2048, hidden)
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTMCell(embed_dim, hidden)
        self.fc = nn.Linear(hidden, vocab_size)

    @torch.no_grad()
    def sample(self, images, bos_id=1, max_len=16):
        feats = self.pool(self.encoder(self.normalize(images))).flatten(1)
        h = torch.tanh(self.init_h(feats))
        c = torch.zeros_like(h)
        word = torch.full((images.size(0),), bos_id, dtype=torch.long, device=images.device)
        seq = []
        for _ in range(max_len):
            h, c = self.lstm(self.embed(word), (h, c))
            word = self.fc(h).argmax(-1)
            seq.append(word)
        return torch.stack(seq, 1)


class RawImageFolder(Dataset):
    def __init__(self, folder, size=256):
        self.paths = sorted(os.path.join(folder, f) for f in os.listdir(folder))
        self.tf = torchvision.transforms.Compose([
            torchvision.transforms.Resize((size, size)),
            torchvision.transforms.ToTensor(),
        ])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return self.tf(Image.open(self.paths[i]).convert("RGB")), self.paths[i]


def eval_folder(checkpoint, folder, vocab_size=9487):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CaptionModel(vocab_size)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model.to(device).eval()
    loader = DataLoader(RawImageFolder(folder), batch_size=8, num_workers=2)
    results = {}
    for images, paths in loader:
        images = images.to(device)
        seqs = model.sample(images)
        for p, s in zip(paths, seqs.tolist()):
            results[p] = s
    return results


if __name__ == "__main__":
    print(eval_folder("model-best.pth", "../images"))
