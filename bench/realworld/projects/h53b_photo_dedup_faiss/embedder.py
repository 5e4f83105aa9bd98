# source: https://github.com/facebookresearch/faiss/issues/3127
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""ResNet-50 global descriptor used to find near-duplicate photos."""
import torch
import torch.nn.functional as F
from torchvision.models import ResNet50_Weights, resnet50


class ImageEmbedder:
    def __init__(self, device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        backbone = resnet50(weights=ResNet50_Weights.IMAGENET1K_V2)
        backbone.fc = torch.nn.Identity()
        self.model = backbone.to(self.device).eval()
        self.transform = ResNet50_Weights.IMAGENET1K_V2.transforms()

    @torch.inference_mode()
    def embed_loader(self, loader):
        chunks, paths = [], []
        for images, batch_paths in loader:
            images = images.to(self.device, non_blocking=True)
            feats = self.model(images)
            chunks.append(F.normalize(feats, dim=1))
            paths.extend(batch_paths)
        return torch.cat(chunks), paths
