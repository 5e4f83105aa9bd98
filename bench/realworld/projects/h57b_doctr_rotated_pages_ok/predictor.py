# source: https://github.com/mindee/doctr/issues/1020
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, class, batch-dict
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""End-to-end OCR predictor for pages that may be rotated: straighten, detect words, recognize crops."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from utils import estimate_page_angle, module_device, move_to_device


def to_batch(images, size):
    tensors = [torch.from_numpy(np.ascontiguousarray(im)).permute(2, 0, 1).float() / 255.0 for im in images]
    return torch.stack([F.interpolate(t[None], size=size, mode="bilinear", align_corners=False)[0] for t in tensors])


class RotatedOCRPredictor(nn.Module):
    def __init__(self, det_model, reco_model, vocab, det_size=(1024, 1024), crop_size=(32, 128)):
        super().__init__()
        self.det_model = det_model.eval()
        self.reco_model = reco_model.eval()
        self.vocab = vocab
        self.det_size, self.crop_size = det_size, crop_size

    @torch.no_grad()
    def forward(self, pages):
        pages = [np.rot90(p, estimate_page_angle(p.mean(-1)) // 90) for p in pages]
        inputs = move_to_device({"pages": to_batch(pages, self.det_size)}, module_device(self.det_model))
        prob = torch.sigmoid(self.det_model(inputs["pages"]))[:, 0]
        results = []
        for page, page_prob in zip(pages, prob):
            ys, xs = torch.nonzero(page_prob > 0.3, as_tuple=True)
            if ys.numel() == 0:
                results.append("")
                continue
            sy, sx = page.shape[0] / self.det_size[0], page.shape[1] / self.det_size[1]
            y0, y1 = int(ys.min() * sy), int(ys.max() * sy) + 1
            x0, x1 = int(xs.min() * sx), int(xs.max() * sx) + 1
            crops = to_batch([page[y0:y1, x0:x1]], self.crop_size)
            logits = self.reco_model(move_to_device(crops, module_device(self.reco_model)))
            ids = logits.argmax(-1)[0].tolist()
            results.append("".join(self.vocab[i] for i in ids if i < len(self.vocab)))
        return results
