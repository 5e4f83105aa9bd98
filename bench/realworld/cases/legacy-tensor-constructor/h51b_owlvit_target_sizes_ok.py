# source: https://github.com/google-research/scenic/issues/413
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class, helper
# looks-like: legacy-tensor-constructor
# needs: torch, transformers, PIL
# cpu: no written where torch was not installed; not run
"""Zero-shot (open-vocabulary) object detection with OWL-ViT on the GPU.

Post-processing is done on the CPU: predictions are brought back to host memory
before they are rescaled with the image-size tensor.
"""
import torch
from PIL import Image
from transformers import OwlViTForObjectDetection, OwlViTProcessor


def center_to_corners(boxes):
    cx, cy, w, h = boxes.unbind(-1)
    return torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], dim=-1)


def rescale_predictions(logits, pred_boxes, image_size, threshold):
    """logits/pred_boxes are CPU tensors for one image; image_size is PIL (w, h)."""
    w, h = image_size
    scores, labels = logits.sigmoid().max(dim=-1)
    keep = scores > threshold
    scale = torch.Tensor([w, h, w, h])
    boxes = center_to_corners(pred_boxes[keep]) * scale
    return boxes, scores[keep], labels[keep]


class OwlVitDetector:
    def __init__(self, checkpoint="google/owlvit-base-patch32"):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.processor = OwlViTProcessor.from_pretrained(checkpoint)
        self.model = OwlViTForObjectDetection.from_pretrained(checkpoint).to(self.device).eval()

    @torch.no_grad()
    def detect(self, image, queries, threshold=0.1):
        inputs = self.processor(text=[queries], images=image, return_tensors="pt").to(self.device)
        outputs = self.model(**inputs)
        logits = outputs.logits[0].cpu()
        pred_boxes = outputs.pred_boxes[0].cpu()
        boxes, scores, labels = rescale_predictions(logits, pred_boxes, image.size, threshold)
        return [(queries[l], round(s.item(), 3), [round(v, 1) for v in b.tolist()])
                for b, s, l in zip(boxes, scores, labels)]


if __name__ == "__main__":
    import sys

    detector = OwlVitDetector()
    img = Image.open(sys.argv[1]).convert("RGB")
    for det in detector.detect(img, ["a photo of a cat", "a photo of a remote control"]):
        print(det)
