# source: https://github.com/PriorLabs/TabPFN/issues/284
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: input-dtype-mismatch
# shape: multi-file, class
# bug-lines: 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""Transaction encoder used by the real-time fraud scoring service."""
import torch
import torch.nn as nn


class TxnEncoder(nn.Module):
    def __init__(self, n_features, n_merchant_types=32, d_model=64):
        super().__init__()
        self.merchant_emb = nn.Embedding(n_merchant_types, 8)
        self.backbone = nn.Sequential(
            nn.Linear(n_features + 8, d_model), nn.GELU(),
            nn.LayerNorm(d_model),
            nn.Linear(d_model, d_model), nn.GELU(),
        )
        self.head = nn.Linear(d_model, 1)

    def forward(self, numeric, merchant_type):
        x = torch.cat([numeric, self.merchant_emb(merchant_type)], dim=-1)
        return self.head(self.backbone(x)).squeeze(-1)


def load_scorer(path, n_features, device, inference_precision=torch.float16):
    model = TxnEncoder(n_features)
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state)
    model.eval()
    model = model.to(device=device, dtype=inference_precision)
    return model
