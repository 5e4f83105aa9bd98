# source: https://github.com/yhenon/pytorch-retinanet/issues/200
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop, batch-dict
# looks-like: hard-coded-cuda
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Run a trained RetinaNet (saved whole with torch.save) over a CSV list of test images."""
import argparse
import csv

import numpy as np
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset

USE_CUDA = torch.cuda.is_available()


class CSVImages(Dataset):
    def __init__(self, csv_path, min_side=608):
        with open(csv_path, newline="") as f:
            self.paths = sorted({row[0] for row in csv.reader(f)})
        self.min_side = min_side

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        img = Image.open(self.paths[idx]).convert("RGB")
        scale = self.min_side / min(img.size)
        img = img.resize((round(img.width * scale / 32) * 32, round(img.height * scale / 32) * 32))
        arr = (np.asarray(img, dtype=np.float32) / 255.0 - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]
        return {"img": torch.from_numpy(arr.astype(np.float32)).permute(2, 0, 1), "scale": scale, "path": self.paths[idx]}


def load_retinanet(path):
    retinanet = torch.load(path, map_location="cuda" if USE_CUDA else "cpu", weights_only=False)
    if USE_CUDA:
        retinanet = retinanet.cuda()
    return retinanet.eval()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv_val", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--score_threshold", type=float, default=0.5)
    args = parser.parse_args()

    retinanet = load_retinanet(args.model)
    loader = DataLoader(CSVImages(args.csv_val), batch_size=1, num_workers=2, collate_fn=lambda b: b[0])
    for sample in loader:
        img = sample["img"].unsqueeze(0)
        if USE_CUDA:
            img = img.cuda()
        with torch.no_grad():
            scores, labels, boxes = retinanet(img)
        keep = scores > args.score_threshold
        boxes = (boxes[keep] / sample["scale"]).cpu().numpy().round().astype(int)
        print(sample["path"], len(boxes), boxes[:5].tolist())


if __name__ == "__main__":
    main()
