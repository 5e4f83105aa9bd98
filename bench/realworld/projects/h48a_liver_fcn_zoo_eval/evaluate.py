# source: https://github.com/Tramac/awesome-semantic-segmentation-pytorch/issues/213
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader

from model_zoo import get_segmentation_model
from ct_slices import LiverSliceDataset


class Evaluator:
    def __init__(self, args):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        val_set = LiverSliceDataset(args.data_root, split="val", window=(-100, 250))
        self.loader = DataLoader(val_set, batch_size=1, shuffle=False, num_workers=2)
        self.n_classes = val_set.num_classes
        self.model = get_segmentation_model(model=args.model, dataset=args.dataset,
                                            backbone=args.backbone, pretrained=True,
                                            root=args.weights_dir, pretrained_base=False)
        self.model.to(self.device).eval()

    @torch.no_grad()
    def run(self):
        conf = np.zeros((self.n_classes, self.n_classes), dtype=np.int64)
        for image, target in self.loader:
            image = image.to(self.device)
            pred = self.model(image).argmax(1).cpu().numpy().ravel()
            gt = target.numpy().ravel()
            conf += np.bincount(self.n_classes * gt + pred,
                                minlength=self.n_classes ** 2).reshape(self.n_classes, -1)
        iou = np.diag(conf) / np.maximum(conf.sum(0) + conf.sum(1) - np.diag(conf), 1)
        pix_acc = np.diag(conf).sum() / max(conf.sum(), 1)
        print(f"pixAcc {pix_acc:.4f}  mIoU {iou.mean():.4f}  liver {iou[1]:.4f}  tumour {iou[2]:.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="fcn16s")
    parser.add_argument("--backbone", default="vgg16")
    parser.add_argument("--dataset", default="lits")
    parser.add_argument("--data-root", default="data/LiTS")
    parser.add_argument("--weights-dir", default="runs/fcn16s_lits")
    Evaluator(parser.parse_args()).run()
