# source: https://github.com/open-mmlab/mmsegmentation/pull/152
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
"""High-level inference API for a DeepLabV3 segmentor trained on GPU, usable on CPU-only hosts."""
import argparse

import numpy as np
import torch
from PIL import Image
from torchvision.models.segmentation import deeplabv3_resnet50
from torchvision.transforms.functional import normalize, to_tensor


def _load_checkpoint(model, filename, map_location=None, strict=False):
    checkpoint = torch.load(filename, map_location=map_location)
    state_dict = checkpoint.get("state_dict", checkpoint)
    state_dict = {k[len("module."):] if k.startswith("module.") else k: v for k, v in state_dict.items()}
    missing, unexpected = model.load_state_dict(state_dict, strict=strict)
    if missing or unexpected:
        print(f"missing keys: {missing}\nunexpected keys: {unexpected}")
    return checkpoint


def init_segmentor(checkpoint=None, num_classes=19, device="cuda:0"):
    model = deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=num_classes, aux_loss=False)
    if checkpoint is not None:
        _load_checkpoint(model, checkpoint, map_location="cpu")
    model.to(device)
    model.eval()
    return model


@torch.no_grad()
def inference_segmentor(model, img_path):
    device = next(model.parameters()).device
    img = to_tensor(Image.open(img_path).convert("RGB"))
    img = normalize(img, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]).unsqueeze(0).to(device)
    return model(img)["out"].argmax(1)[0].cpu().numpy().astype(np.uint8)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("img")
    parser.add_argument("checkpoint")
    parser.add_argument("--device", default="cuda:0" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    segmentor = init_segmentor(args.checkpoint, device=args.device)
    Image.fromarray(inference_segmentor(segmentor, args.img)).save("result.png")
