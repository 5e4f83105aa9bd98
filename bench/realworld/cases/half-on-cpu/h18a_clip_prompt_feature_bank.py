# source: https://github.com/BaiShuanghao/Prompt-based-Distribution-Alignment/issues/9
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 39, 55, 62
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class VisualEncoder(nn.Module):
    def __init__(self, patch=16, width=768, embed_dim=512, layers=4):
        super().__init__()
        self.patch = patch
        self.patch_embed = nn.Linear(3 * patch * patch, width)
        layer = nn.TransformerEncoderLayer(width, 12, 4 * width, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, layers)
        self.proj = nn.Linear(width, embed_dim, bias=False)

    @property
    def dtype(self):
        return self.patch_embed.weight.dtype

    def forward(self, images):
        b, c, h, w = images.shape
        p = self.patch
        patches = images.to(self.dtype).reshape(b, c, h // p, p, w // p, p)
        patches = patches.permute(0, 2, 4, 1, 3, 5).reshape(b, -1, c * p * p)
        x = self.patch_embed(patches)
        return self.proj(self.blocks(x).mean(dim=1))


def load_backbone_to_cpu(path):
    model = VisualEncoder()
    model.load_state_dict(torch.load(path, map_location="cpu"))
    model.half()  # released checkpoints are stored in fp16
    return model


class PromptAlignTrainer:
    def __init__(self, cfg, train_loader):
        self.cfg = cfg
        self.train_loader = train_loader
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.build_model()

    def build_model(self):
        backbone = load_backbone_to_cpu(self.cfg["backbone_path"])
        if self.cfg.get("prec", "fp16") in ("fp32", "amp"):
            backbone.float()
        self.model = backbone
        self.construct_bank()
        self.model.to(self.device)

    @torch.no_grad()
    def construct_bank(self):
        feats, labels = [], []
        for batch in self.train_loader:
            feats.append(F.normalize(self.model(batch["img"]), dim=-1))
            labels.append(batch["label"])
        self.bank_feats = torch.cat(feats)
        self.bank_labels = torch.cat(labels)

    def train_step(self, batch, optimizer, head):
        images = batch["img"].to(self.device)
        labels = batch["label"].to(self.device)
        with torch.no_grad():
            feats = F.normalize(self.model(images), dim=-1).float()
        loss = F.cross_entropy(head(feats), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()
