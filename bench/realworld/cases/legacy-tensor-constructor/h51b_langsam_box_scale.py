# source: https://github.com/luca-medeiros/lang-segment-anything/pull/60
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: helper, class
# bug-lines: 35, 36
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
"""Text-prompted box detection (open-vocabulary) followed by box rescaling.

The detector returns normalized cxcywh boxes that stay on the GPU; the helper
that converts them to pixel xyxy builds the scale vector with the legacy
``torch.Tensor`` constructor.
"""
import numpy as np
import torch
from PIL import Image


def cxcywh_to_xyxy(boxes):
    cx, cy, w, h = boxes.unbind(-1)
    return torch.stack([cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w, cy + 0.5 * h], dim=-1)


def filter_by_threshold(logits, boxes, box_threshold):
    # logits: [num_queries, num_tokens]
    scores = logits.sigmoid().max(dim=-1).values
    keep = scores > box_threshold
    return boxes[keep], scores[keep]


def to_pixel_boxes(norm_boxes, image_pil):
    """Convert normalized cxcywh boxes to absolute xyxy pixel coordinates."""
    W, H = image_pil.size
    boxes = cxcywh_to_xyxy(norm_boxes)
    scale = torch.Tensor([W, H, W, H])
    return boxes * scale


class TextPromptedDetector:
    def __init__(self, model, transform, device="cuda"):
        self.device = torch.device(device)
        self.model = model.to(self.device).eval()
        self.transform = transform

    @torch.no_grad()
    def predict(self, image_pil, caption, box_threshold=0.3):
        image = self.transform(image_pil).unsqueeze(0).to(self.device)
        outputs = self.model(image, captions=[caption.lower().strip() + "."])
        logits = outputs["pred_logits"][0]
        norm_boxes = outputs["pred_boxes"][0]
        norm_boxes, scores = filter_by_threshold(logits, norm_boxes, box_threshold)
        boxes = to_pixel_boxes(norm_boxes, image_pil)
        return boxes.cpu().numpy(), scores.cpu().numpy()


def run_on_folder(detector, paths, caption):
    results = {}
    for path in paths:
        image_pil = Image.open(path).convert("RGB")
        boxes, scores = detector.predict(image_pil, caption)
        results[path] = [(b.round(1).tolist(), float(s)) for b, s in zip(boxes, scores)]
    return results


if __name__ == "__main__":
    import sys
    from groundingdino_loader import load_grounding_model, build_transform

    detector = TextPromptedDetector(load_grounding_model(), build_transform())
    out = run_on_folder(detector, sys.argv[2:], caption=sys.argv[1])
    for p, dets in out.items():
        print(p, np.asarray([d[0] for d in dets]).shape)
