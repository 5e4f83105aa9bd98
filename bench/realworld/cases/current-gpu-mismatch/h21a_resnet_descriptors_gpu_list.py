# source: https://github.com/VIAME/VIAME/issues/63
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper
# bug-lines: 50
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torchvision
from PIL import Image
from torchvision import transforms


class ResnetFeatureExtractor(object):
    """Appearance descriptors for tracked boxes, run on the GPU picked in the pipeline config."""

    def __init__(self, model_path, img_size=224, batch_size=32, gpu_list=None):
        self._gpu_list = gpu_list if gpu_list else [0]
        self._device = torch.device("cuda:%d" % self._gpu_list[0])
        model = torchvision.models.resnet50()
        model.fc = nn.Identity()
        weights = torch.load(model_path, map_location="cpu")
        model.load_state_dict(weights, strict=False)
        self._model = model.to(self._device).eval()
        self._batch_size = batch_size
        self._transform = transforms.Compose([
            transforms.Resize((img_size, img_size)),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
        ])

    def __call__(self, frame, bbox_list):
        return self._obtain_feature(frame, bbox_list)

    @staticmethod
    def _crop(frame, bbox):
        x1, y1, x2, y2 = [int(round(v)) for v in bbox]
        h, w = frame.shape[:2]
        x1, y1 = max(0, x1), max(0, y1)
        x2, y2 = min(w, max(x1 + 1, x2)), min(h, max(y1 + 1, y2))
        return Image.fromarray(frame[y1:y2, x1:x2])

    def _obtain_feature(self, frame, bbox_list):
        crops = [self._transform(self._crop(frame, b)) for b in bbox_list]
        features = []
        for start in range(0, len(crops), self._batch_size):
            batch = torch.stack(crops[start:start + self._batch_size])
            batch = batch.cuda()
            with torch.no_grad():
                out = self._model(batch)
            features.append(out.cpu())
        return torch.cat(features, 0)


if __name__ == "__main__":
    extractor = ResnetFeatureExtractor("resnet50_reid.pt", gpu_list=[1])
    frame = (np.random.rand(720, 1280, 3) * 255).astype(np.uint8)
    boxes = [(10, 20, 110, 220), (400, 300, 520, 560)]
    print(extractor(frame, boxes).shape)
