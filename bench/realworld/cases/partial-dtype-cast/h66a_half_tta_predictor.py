# source: https://github.com/facebookresearch/detectron2/issues/504
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: partial-dtype-cast
# shape: class, loader-loop
# bug-lines: 47, 52, 55
# needs: torch, torchvision, numpy, pandas, pillow
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torchvision
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


class ImageFolderTest(Dataset):
    def __init__(self, paths, size=512):
        self.paths = paths
        self.tfm = transforms.Compose([
            transforms.Resize((size, size)),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
        ])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        return self.tfm(Image.open(self.paths[idx]).convert("RGB"))


class FoldPredictor:
    def __init__(self, weight_paths, num_classes, device):
        self.device = device
        self.use_fp16 = device.type == "cuda"
        self.models = []
        for path in weight_paths:
            model = torchvision.models.efficientnet_b3(weights=None)
            model.classifier[1] = nn.Linear(model.classifier[1].in_features, num_classes)
            model.load_state_dict(torch.load(path, map_location="cpu"))
            model.to(device).eval()
            if self.use_fp16:
                model.half()
            self.models.append(model)

    @torch.no_grad()
    def predict_batch(self, images):
        images = images.to(self.device, non_blocking=True)
        probs = 0
        for model in self.models:
            probs = probs + model(images).softmax(1) + model(images.flip(-1)).softmax(1)
        return (probs / (2 * len(self.models))).float().cpu().numpy()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    paths = sorted(glob.glob("input/test_images/*.jpg"))
    loader = DataLoader(ImageFolderTest(paths), batch_size=32, num_workers=4)
    predictor = FoldPredictor(sorted(glob.glob("input/effb3-folds/*.pth")), num_classes=11, device=device)

    preds = np.concatenate([predictor.predict_batch(images) for images in loader])
    ids = [p.split("/")[-1].rsplit(".", 1)[0] for p in paths]
    pd.DataFrame({"image_id": ids, "label": preds.argmax(1)}).to_csv("submission.csv", index=False)


if __name__ == "__main__":
    main()
