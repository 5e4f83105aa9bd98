# source: https://github.com/facebookresearch/faiss/issues/2902
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, transformers, pandas, faiss, numpy
# cpu: no written where torch was not installed; not run
"""python run_dedup.py catalogue.csv images/ --threshold 0.97"""
import argparse
import json
import os

import pandas as pd
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset

from encode import encode_images, load_clip
from search import duplicate_groups


class CatalogueImages(Dataset):
    def __init__(self, csv_path, image_dir, processor):
        self.rows = pd.read_csv(csv_path)[["sku", "image_file"]].to_dict("records")
        self.image_dir = image_dir
        self.processor = processor

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, idx):
        row = self.rows[idx]
        image = Image.open(os.path.join(self.image_dir, row["image_file"])).convert("RGB")
        pixels = self.processor(images=image, return_tensors="pt")["pixel_values"][0]
        return {"pixel_values": pixels, "sku": row["sku"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("image_dir")
    parser.add_argument("--threshold", type=float, default=0.97)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, processor = load_clip(device)
    loader = DataLoader(CatalogueImages(args.csv, args.image_dir, processor), batch_size=128, num_workers=8)
    emb, keys = encode_images(model, loader, device)
    print(json.dumps(duplicate_groups(emb, keys, threshold=args.threshold), indent=2))


if __name__ == "__main__":
    main()
