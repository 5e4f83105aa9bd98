# source: https://github.com/facebookresearch/ParlAI/issues/4237
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""FT-Transformer for tabular data: per-feature tokenizer + transformer + [CLS] head."""
import torch
import torch.nn as nn


class FeatureTokenizer(nn.Module):
    def __init__(self, n_num, cat_cardinalities, d_token):
        super().__init__()
        self.num_weight = nn.Parameter(torch.randn(n_num, d_token) * 0.02)
        self.num_bias = nn.Parameter(torch.zeros(n_num, d_token))
        self.cat_embeddings = nn.ModuleList(nn.Embedding(c, d_token) for c in cat_cardinalities)
        self.cls = nn.Parameter(torch.zeros(1, 1, d_token))

    def forward(self, x_num, x_cat):
        num_tokens = x_num.unsqueeze(-1) * self.num_weight + self.num_bias
        cat_tokens = torch.stack([emb(x_cat[:, i]) for i, emb in enumerate(self.cat_embeddings)], dim=1)
        cls = self.cls.expand(x_num.shape[0], -1, -1)
        return torch.cat([cls, num_tokens, cat_tokens], dim=1)


class FTTransformer(nn.Module):
    def __init__(self, n_num, cat_cardinalities, d_token=192, depth=3, heads=8, n_classes=2):
        super().__init__()
        self.tokenizer = FeatureTokenizer(n_num, cat_cardinalities, d_token)
        block = nn.TransformerEncoderLayer(
            d_token, heads, dim_feedforward=int(4 / 3 * d_token), dropout=0.1, batch_first=True, norm_first=True
        )
        self.backbone = nn.TransformerEncoder(block, depth)
        self.head = nn.Sequential(nn.LayerNorm(d_token), nn.ReLU(), nn.Linear(d_token, n_classes))

    def forward(self, x_num, x_cat):
        tokens = self.backbone(self.tokenizer(x_num, x_cat))
        return self.head(tokens[:, 0])
