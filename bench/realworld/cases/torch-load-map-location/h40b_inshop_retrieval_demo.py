# source: https://github.com/open-mmlab/mmfashion/issues/155
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# bug-lines: 34
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""In-shop clothes retrieval demo: embed a query photo and rank the gallery."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

TFM = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])


class GlobalRetriever(nn.Module):
    def __init__(self, dim=256):
        super().__init__()
        backbone = models.vgg16()
        self.features = backbone.features
        self.embed = nn.Linear(512, dim)

    def forward(self, img):
        x = F.adaptive_avg_pool2d(self.features(img), 1).flatten(1)
        return F.normalize(self.embed(x), dim=1)


def load_retriever(ckpt_path):
    model = GlobalRetriever()
    state = torch.load(ckpt_path)
    model.load_state_dict(state["state_dict"])
    return model


def embed_gallery(model, gallery_dir, device, batch_size=32):
    loader = DataLoader(datasets.ImageFolder(gallery_dir, TFM), batch_size=batch_size)
    feats = []
    with torch.no_grad():
        for imgs, _ in loader:
            feats.append(model(imgs.to(device)))
    return torch.cat(feats)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--query", default="demo/imgs/06_1_front.jpg")
    parser.add_argument("--gallery", default="data/In-shop/gallery")
    parser.add_argument("--checkpoint", default="checkpoint/Retrieve/vgg/epoch_100.pth")
    parser.add_argument("--topk", type=int, default=5)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_retriever(args.checkpoint).to(device).eval()

    from PIL import Image
    query = TFM(Image.open(args.query).convert("RGB")).unsqueeze(0).to(device)
    with torch.no_grad():
        q = model(query)
    gallery = embed_gallery(model, args.gallery, device)
    scores = (q @ gallery.t()).squeeze(0)
    print("top-%d gallery ids:" % args.topk, scores.topk(args.topk).indices.tolist())


if __name__ == "__main__":
    main()
