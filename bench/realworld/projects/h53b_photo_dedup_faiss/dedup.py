# source: https://github.com/facebookresearch/faiss/issues/3127
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop
# needs: torch, torchvision, faiss, numpy
# cpu: no written where torch was not installed; not run
"""python dedup.py /data/photos --threshold 0.96 > duplicates.tsv"""
import argparse
import os

from PIL import Image
from torch.utils.data import DataLoader, Dataset

from embedder import ImageEmbedder
from index import build_index, near_duplicate_pairs

EXTS = (".jpg", ".jpeg", ".png", ".webp")


class PhotoFolder(Dataset):
    def __init__(self, root, transform):
        self.paths = sorted(
            os.path.join(d, f) for d, _, files in os.walk(root) for f in files if f.lower().endswith(EXTS)
        )
        self.transform = transform

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        path = self.paths[idx]
        return self.transform(Image.open(path).convert("RGB")), path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--threshold", type=float, default=0.95)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    embedder = ImageEmbedder()
    loader = DataLoader(PhotoFolder(args.root, embedder.transform), batch_size=args.batch_size, num_workers=8)
    embeddings, paths = embedder.embed_loader(loader)
    index = build_index(embeddings)
    for a, b, score in near_duplicate_pairs(index, embeddings, paths, threshold=args.threshold):
        print(f"{a}\t{b}\t{score:.4f}")


if __name__ == "__main__":
    main()
