# source: https://github.com/suprosanna/relationformer/issues/16
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class RelationFormer(nn.Module):
    """Image -> object tokens + [rln] token -> boxes, classes and pairwise relations."""

    def __init__(self, num_obj_classes=151, num_rel_classes=51, d_model=256, num_queries=80):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 64, 7, 2, 3), nn.ReLU(),
            nn.Conv2d(64, d_model, 3, 2, 1), nn.ReLU(),
        )
        self.query_embed = nn.Embedding(num_queries + 1, d_model)
        layer = nn.TransformerDecoderLayer(d_model, 8, batch_first=True)
        self.decoder = nn.TransformerDecoder(layer, num_layers=3)
        self.class_head = nn.Linear(d_model, num_obj_classes)
        self.box_head = nn.Linear(d_model, 4)
        self.rel_head = nn.Sequential(nn.Linear(3 * d_model, d_model), nn.ReLU(),
                                      nn.Linear(d_model, num_rel_classes))

    def forward(self, images):
        feats = self.backbone(images).flatten(2).transpose(1, 2)
        queries = self.query_embed.weight[None].expand(images.shape[0], -1, -1)
        h = self.decoder(queries, feats)
        obj_tokens, rln_token = h[:, :-1], h[:, -1]
        out = {
            "pred_logits": self.class_head(obj_tokens),
            "pred_boxes": self.box_head(obj_tokens).sigmoid(),
        }
        return h, out

    def relation_logits(self, h, pairs):
        obj_tokens, rln_token = h[:, :-1], h[:, -1:]
        sub = obj_tokens.gather(1, pairs[..., :1].expand(-1, -1, obj_tokens.shape[-1]))
        obj = obj_tokens.gather(1, pairs[..., 1:].expand(-1, -1, obj_tokens.shape[-1]))
        ctx = rln_token.expand_as(sub)
        return self.rel_head(torch.cat([sub, obj, ctx], dim=-1))


def build_model(cfg):
    return RelationFormer(cfg["num_obj_classes"], cfg["num_rel_classes"], cfg["d_model"])
