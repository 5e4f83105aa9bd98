# source: https://github.com/pytorch/pytorch/issues/61704
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-added-after-placement
# shape: multi-file, helper, loader-loop, batch-dict
# looks-like: module-added-after-placement
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch.nn as nn
from torchvision.models.detection import fasterrcnn_mobilenet_v3_large_fpn
from torchvision.models.detection.faster_rcnn import FastRCNNPredictor


def build_detector(num_classes, freeze_backbone=True):
    """COCO-pretrained detector with a fresh box predictor for our classes (still on CPU)."""
    model = fasterrcnn_mobilenet_v3_large_fpn(weights="DEFAULT")
    in_features = model.roi_heads.box_predictor.cls_score.in_features
    model.roi_heads.box_predictor = FastRCNNPredictor(in_features, num_classes)
    if freeze_backbone:
        for p in model.backbone.body.parameters():
            p.requires_grad_(False)
    return model


def count_trainable(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
