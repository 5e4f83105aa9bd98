# source: https://github.com/GunhoChoi/Grad-CAM-Pytorch/pull/3
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: batch-dict, loader-loop, helper
# looks-like: float64-input
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Grad-CAM heatmaps for a fine-tuned ResNet-18 over a folder of test images."""
import glob

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import models

MEAN = np.array([0.485, 0.456, 0.406])
STD = np.array([0.229, 0.224, 0.225])


class ImageList(Dataset):
    def __init__(self, pattern, size=224):
        self.paths = sorted(glob.glob(pattern))
        self.size = size

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        img = Image.open(self.paths[idx]).convert("RGB").resize((self.size, self.size))
        arr = (np.asarray(img) / 255.0 - MEAN) / STD  # float64 here
        arr = arr.transpose(2, 0, 1).astype(np.float32)
        return {"image": torch.from_numpy(arr), "path": self.paths[idx]}


def grad_cam(model, images, target_layer):
    acts, grads = {}, {}
    h1 = target_layer.register_forward_hook(lambda m, i, o: acts.update(a=o))
    h2 = target_layer.register_full_backward_hook(lambda m, gi, go: grads.update(g=go[0]))
    logits = model(images)
    score = logits.gather(1, logits.argmax(dim=1, keepdim=True)).sum()
    model.zero_grad()
    score.backward()
    h1.remove()
    h2.remove()
    weights = grads["g"].mean(dim=(2, 3), keepdim=True)
    cam = F.relu((weights * acts["a"]).sum(dim=1, keepdim=True))
    cam = F.interpolate(cam, size=images.shape[-2:], mode="bilinear", align_corners=False)
    cam = cam - cam.amin(dim=(2, 3), keepdim=True)
    return (cam / cam.amax(dim=(2, 3), keepdim=True).clamp(min=1e-8)).squeeze(1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = models.resnet18(num_classes=10)
    model.load_state_dict(torch.load("resnet18_finetuned.pth", map_location="cpu"))
    model = model.to(device).eval()
    loader = DataLoader(ImageList("data/test/*.jpg"), batch_size=16)
    for batch in loader:
        images = batch["image"].to(device)
        cams = grad_cam(model, images, model.layer4[-1])
        for path, cam in zip(batch["path"], cams.detach().cpu().numpy()):
            np.save(path.rsplit(".", 1)[0] + "_cam.npy", cam.astype(np.float32))
