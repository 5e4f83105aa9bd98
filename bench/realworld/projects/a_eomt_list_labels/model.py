# source: https://github.com/huggingface/transformers/issues/42205 https://github.com/huggingface/transformers/pull/42228
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 37, 38
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyEomt(nn.Module):
    def __init__(self, num_classes=5, num_queries=8, dim=16):
        super().__init__()
        self.backbone = nn.Conv2d(3, dim, 3, padding=1)
        self.queries = nn.Embedding(num_queries, dim)
        self.class_head = nn.Linear(dim, num_classes + 1)

    def forward(self, pixel_values, mask_labels=None, class_labels=None):
        feats = self.backbone(pixel_values)
        q = self.queries.weight
        masks_queries_logits = torch.einsum("qc,bchw->bqhw", q, feats)
        class_queries_logits = self.class_head(q).expand(pixel_values.shape[0], -1, -1)
        loss = None
        if mask_labels is not None:
            loss = self.compute_loss(masks_queries_logits, class_queries_logits, mask_labels, class_labels)
        return {"loss": loss, "masks_queries_logits": masks_queries_logits}

    @staticmethod
    def compute_loss(mask_logits, class_logits, mask_labels, class_labels):
        total = 0.0
        for i, (masks, classes) in enumerate(zip(mask_labels, class_labels)):
            n = masks.shape[0]
            # naive matching: the first n queries predict the n ground-truth masks
            pred = mask_logits[i, :n]
            total = total + F.binary_cross_entropy_with_logits(pred, masks)
            total = total + F.cross_entropy(class_logits[i, :n], classes)
        return total / len(mask_labels)
