# source: https://github.com/WillBrennan/SemanticSegmentation/issues/15
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# bug-lines: 27, 34
# needs: torch, torchvision, opencv-python, numpy
# cpu: no written where torch was not installed; not run
"""Predict skin masks for a folder of photos with a trained FCN/DeepLab checkpoint."""
import argparse
import pathlib

import cv2
import numpy as np
import torch
from torchvision.models import segmentation

MODELS = {
    "FCNResNet101": lambda n: segmentation.fcn_resnet101(weights=None, num_classes=n),
    "DeepLabV3ResNet101": lambda n: segmentation.deeplabv3_resnet101(weights=None, num_classes=n),
}
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def load_model(model, state_dict):
    model.load_state_dict(state_dict)
    model.cuda().eval()
    return model


def to_tensor(image_bgr, device):
    rgb = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0
    x = torch.from_numpy(rgb).permute(2, 0, 1).to(device)
    mean = torch.tensor(MEAN, device="cuda").view(3, 1, 1)
    std = torch.tensor(STD).view(3, 1, 1).to(device)
    return ((x - mean) / std).unsqueeze(0)


def draw_results(image, mask, alpha=0.5):
    overlay = image.copy()
    overlay[mask] = (0, 255, 0)
    return cv2.addWeighted(image, 1 - alpha, overlay, alpha, 0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=pathlib.Path, required=True)
    parser.add_argument("--model", type=pathlib.Path, default=pathlib.Path("pretrained/model_segmentation_skin_30.pth"))
    parser.add_argument("--model-type", choices=list(MODELS), default="FCNResNet101")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    device = torch.device(args.device)
    categories = ["skin"]
    model = load_model(MODELS[args.model_type](len(categories)), torch.load(args.model, map_location=device))

    for path in sorted(args.images.glob("*.jpg")):
        image = cv2.imread(str(path))
        with torch.no_grad():
            logits = model(to_tensor(image, device))["out"]
        probs = torch.sigmoid(logits)[0, 0].cpu().numpy()
        mask = probs > args.threshold
        cv2.imwrite(str(path.with_suffix(".mask.png")), draw_results(image, mask))
