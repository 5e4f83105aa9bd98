# source: https://github.com/open-mmlab/mmaction2/issues/1456
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_nll_loss_forward)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn

from losses import WeightedCrossEntropyLoss


class I3DHead(nn.Module):
    def __init__(self, in_channels, num_classes, class_weight=None, dropout=0.5):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool3d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc_cls = nn.Linear(in_channels, num_classes)
        self.loss_cls = WeightedCrossEntropyLoss(class_weight=class_weight)

    def forward(self, feat):
        x = self.dropout(self.pool(feat).flatten(1))
        return self.fc_cls(x)

    def loss(self, cls_score, labels):
        return {"loss_cls": self.loss_cls(cls_score, labels)}


class Recognizer3D(nn.Module):
    def __init__(self, num_classes, class_weight=None, width=64):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv3d(3, width, (3, 7, 7), stride=(1, 2, 2), padding=(1, 3, 3)), nn.BatchNorm3d(width), nn.ReLU(),
            nn.Conv3d(width, 2 * width, 3, stride=2, padding=1), nn.BatchNorm3d(2 * width), nn.ReLU(),
        )
        self.cls_head = I3DHead(2 * width, num_classes, class_weight=class_weight)

    def forward_train(self, imgs, labels):
        return self.cls_head.loss(self.cls_head(self.backbone(imgs)), labels)

    def forward_test(self, imgs):
        return self.cls_head(self.backbone(imgs)).softmax(dim=1)
