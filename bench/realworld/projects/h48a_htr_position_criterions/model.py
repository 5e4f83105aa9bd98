# source: https://github.com/Lightning-AI/pytorch-lightning/issues/2468
# error: RuntimeError: Expected all tensors to be on the same device, but got weight is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_nll_loss_forward)
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 29, 31, 44
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from charset import MAX_LEN, NUM_CLASSES


class WordReader(nn.Module):
    """Reads a cropped handwritten word: CNN features -> transformer -> one slot per letter."""

    def __init__(self, letter_weights, d_model=256):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(1, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(128, d_model, 3, padding=1), nn.BatchNorm2d(d_model), nn.ReLU(),
            nn.AdaptiveAvgPool2d((1, 32)),
        )
        self.queries = nn.Parameter(torch.randn(MAX_LEN, d_model) * 0.02)
        self.decoder = nn.TransformerDecoder(
            nn.TransformerDecoderLayer(d_model, nhead=8, batch_first=True), num_layers=3)
        self.classifier = nn.Linear(d_model, NUM_CLASSES)
        self.criterions = []
        for weight in letter_weights:
            self.criterions.append(nn.CrossEntropyLoss(weight=weight))

    def forward(self, images):
        feats = self.backbone(images).squeeze(2).transpose(1, 2)  # (N, 32, d_model)
        queries = self.queries.unsqueeze(0).expand(images.size(0), -1, -1)
        return self.classifier(self.decoder(queries, feats))  # (N, MAX_LEN, NUM_CLASSES)

    def step_loss(self, batch):
        images, targets = batch
        logits = self(images)
        losses = {}
        total = logits.new_zeros(())
        for pos in range(MAX_LEN):
            loss_pos = self.criterions[pos](logits[:, pos, :], targets[:, pos])
            losses[f"loss{pos}"] = loss_pos.detach()
            total = total + loss_pos
        losses["loss"] = total / MAX_LEN
        return losses
