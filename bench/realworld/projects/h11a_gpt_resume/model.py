# source: https://github.com/rasbt/LLMs-from-scratch/issues/232
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TinyGPT(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop = nn.Dropout(cfg["drop_rate"])
        layer = nn.TransformerEncoderLayer(
            d_model=cfg["emb_dim"],
            nhead=cfg["n_heads"],
            dim_feedforward=4 * cfg["emb_dim"],
            batch_first=True,
            norm_first=True,
        )
        self.blocks = nn.TransformerEncoder(layer, num_layers=cfg["n_layers"])
        self.final_norm = nn.LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)

    def forward(self, idx):
        _, seq_len = idx.shape
        positions = torch.arange(seq_len, device=idx.device)
        x = self.tok_emb(idx) + self.pos_emb(positions)
        x = self.drop(x)
        causal = nn.Transformer.generate_square_subsequent_mask(seq_len, device=idx.device)
        x = self.blocks(x, mask=causal, is_causal=True)
        return self.out_head(self.final_norm(x))


GPT_CONFIG_SMALL = {
    "vocab_size": 50257,
    "context_length": 256,
    "emb_dim": 384,
    "n_heads": 6,
    "n_layers": 6,
    "drop_rate": 0.1,
}
