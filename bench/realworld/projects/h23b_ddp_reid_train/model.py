# source: https://github.com/facebookresearch/detectron2/issues/5146 https://github.com/meta-pytorch/tnt/pull/398
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F
import torchvision


class GeneralizedMeanPooling(nn.Module):
    def __init__(self, p=3.0, eps=1e-6):
        super().__init__()
        self.p = p
        self.eps = eps

    def forward(self, x):
        x = x.clamp(min=self.eps).pow(self.p)
        return F.adaptive_avg_pool2d(x, 1).pow(1.0 / self.p)


class ReIDBaseline(nn.Module):
    def __init__(self, num_ids, feat_dim=2048):
        super().__init__()
        resnet = torchvision.models.resnet50(weights=None)
        resnet.layer4[0].conv2.stride = (1, 1)
        resnet.layer4[0].downsample[0].stride = (1, 1)
        self.backbone = nn.Sequential(*list(resnet.children())[:-2])
        self.pool = GeneralizedMeanPooling()
        self.bnneck = nn.BatchNorm1d(feat_dim)
        self.bnneck.bias.requires_grad_(False)
        self.classifier = nn.Linear(feat_dim, num_ids, bias=False)

    def forward(self, images):
        feat = self.pool(self.backbone(images)).flatten(1)
        bn_feat = self.bnneck(feat)
        if not self.training:
            return F.normalize(bn_feat, dim=1)
        return feat, self.classifier(bn_feat)


def build_model(cfg):
    return ReIDBaseline(num_ids=cfg["num_ids"], feat_dim=cfg.get("feat_dim", 2048))
