# source: https://github.com/mingyuliutw/UNIT/issues/75
# error: RuntimeError: Expected object of type torch.cuda.FloatTensor but found type torch.FloatTensor for argument #3 'other'
# pattern: legacy-tensor-constructor
# shape: multi-file, class
# looks-like: legacy-tensor-constructor
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

from utils import imagenet_preprocess, load_backbone


class ReIDTrainer(nn.Module):
    """Identity + camera-adversarial training for individual zebra re-identification across trap sites."""

    def __init__(self, num_ids, num_cams, lr=3.5e-4):
        super().__init__()
        self.backbone = load_backbone()
        self.bnneck = nn.BatchNorm1d(2048)
        self.id_head = nn.Linear(2048, num_ids, bias=False)
        self.cam_head = nn.Linear(2048, num_cams)
        self.opt = torch.optim.Adam(self.parameters(), lr=lr, weight_decay=5e-4)

    def embed(self, imgs):
        return self.backbone(imagenet_preprocess(imgs))

    def update(self, imgs, pids, cams, cam_w=0.1):
        self.opt.zero_grad()
        feat = self.embed(imgs)
        id_loss = F.cross_entropy(self.id_head(self.bnneck(feat)), pids)
        cam_loss = F.cross_entropy(self.cam_head(feat.detach()), cams)
        loss = id_loss + cam_w * cam_loss
        loss.backward()
        self.opt.step()
        return id_loss.item(), cam_loss.item()
