# source: https://github.com/Filimoa/open-parse/issues/17 https://github.com/Filimoa/open-parse/pull/18
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, top-level
# needs: torch, torchvision, transformers
# cpu: no written where torch was not installed; not run
import logging
import time

import torch
from torchvision import transforms
from transformers import AutoModelForObjectDetection, TableTransformerForObjectDetection

t0 = time.time()

user_preferred_device = "cuda"
device = torch.device(
    "cuda" if torch.cuda.is_available() and user_preferred_device != "cpu" else "cpu"
)


class MaxResize:
    def __init__(self, max_size=800):
        self.max_size = max_size

    def __call__(self, image):
        width, height = image.size
        scale = self.max_size / max(width, height)
        return image.resize((int(round(scale * width)), int(round(scale * height))))


detection_model = AutoModelForObjectDetection.from_pretrained(
    "microsoft/table-transformer-detection", revision="no_timm"
).to(device)

structure_model = TableTransformerForObjectDetection.from_pretrained(
    "microsoft/table-transformer-structure-recognition", revision="no_timm"
).to(device)

_normalize = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
detection_transform = transforms.Compose([MaxResize(800), transforms.ToTensor(), _normalize])
structure_transform = transforms.Compose([MaxResize(1000), transforms.ToTensor(), _normalize])

logging.info("table models loaded in %.2fs on %s", time.time() - t0, device)
