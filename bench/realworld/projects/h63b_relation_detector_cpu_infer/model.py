# source: https://github.com/yrcong/RelTR/pull/62
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision


class RelationDetector(nn.Module):
    """One-stage scene-graph head: entity queries and triplet queries on a ResNet-50."""

    def __init__(self, num_entities=151, num_relations=51, num_queries=200, d_model=256):
        super().__init__()
        backbone = torchvision.models.resnet50(weights=None)
        self.backbone = nn.Sequential(*list(backbone.children())[:-2])
        self.input_proj = nn.Conv2d(2048, d_model, 1)
        self.transformer = nn.Transformer(d_model, nhead=8, num_encoder_layers=6,
                                          num_decoder_layers=6, batch_first=True)
        self.queries = nn.Embedding(num_queries, d_model)
        self.sub_class = nn.Linear(d_model, num_entities + 1)
        self.obj_class = nn.Linear(d_model, num_entities + 1)
        self.rel_class = nn.Linear(d_model, num_relations + 1)
        self.sub_box = nn.Linear(d_model, 4)
        self.obj_box = nn.Linear(d_model, 4)

    def forward(self, images):
        feat = self.input_proj(self.backbone(images)).flatten(2).transpose(1, 2)
        tgt = self.queries.weight.unsqueeze(0).expand(images.size(0), -1, -1)
        hs = self.transformer(feat, tgt)
        return {
            "sub_logits": self.sub_class(hs), "obj_logits": self.obj_class(hs),
            "rel_logits": self.rel_class(hs),
            "sub_boxes": self.sub_box(hs).sigmoid(), "obj_boxes": self.obj_box(hs).sigmoid(),
        }
