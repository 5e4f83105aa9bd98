# source: https://github.com/BiomedSciAI/histocartography/issues/60
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# bug-lines: 24, 25, 26, 40
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""Deep features for nuclei patches cropped around each detected nucleus in an H&E tile."""
import numpy as np
import torch
import torch.nn as nn
from torchvision.models import resnet34

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class NucleiPatchFeatureExtractor:
    def __init__(self, patch_size=72, batch_size=256):
        self.patch_size = patch_size
        self.batch_size = batch_size
        backbone = resnet34(weights="IMAGENET1K_V1")
        backbone.fc = nn.Identity()
        self.encoder = backbone.cuda().eval()
        self.mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1).cuda()
        self.std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1).cuda()

    def _crop(self, tile, centroids):
        half = self.patch_size // 2
        padded = np.pad(tile, ((half, half), (half, half), (0, 0)), mode="reflect")
        return np.stack([padded[y:y + self.patch_size, x:x + self.patch_size]
                         for x, y in centroids.astype(int)])

    @torch.no_grad()
    def __call__(self, tile, centroids):
        patches = self._crop(tile, centroids)
        feats = []
        for i in range(0, len(patches), self.batch_size):
            chunk = torch.from_numpy(patches[i:i + self.batch_size]).permute(0, 3, 1, 2)
            chunk = (chunk.float().cuda() / 255.0 - self.mean) / self.std
            feats.append(self.encoder(chunk))
        return torch.cat(feats)
