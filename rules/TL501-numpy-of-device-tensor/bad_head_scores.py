# A DETR detector's class scores (`pred_logits`, like any `*_logits` field of a model
# output) are where the detector runs: on the GPU.
import numpy as np
import torch
from PIL import Image
from transformers import DetrForObjectDetection, DetrImageProcessor


class BoxFinder:
    def __init__(self, name="facebook/detr-resnet-50", device="cuda"):
        self.device = torch.device(device)
        self.processor = DetrImageProcessor.from_pretrained(name)
        self.detector = DetrForObjectDetection.from_pretrained(name).to(self.device).eval()

    @torch.no_grad()
    def scores(self, image):
        inputs = self.processor(images=image, return_tensors="pt").to(self.device)
        outputs = self.detector(**inputs)
        return outputs.pred_logits.softmax(-1)[0, :, :-1]

    def confident(self, image, threshold=0.9):
        probs = self.scores(image)
        return np.nonzero(probs.max(-1).values.numpy() > threshold)[0]  # expect: TL501:27


if __name__ == "__main__":
    print(BoxFinder().confident(Image.open("street.jpg")))
