# source: https://github.com/rasbt/LLMs-from-scratch/issues/392
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: multi-file, class
# looks-like: module-added-after-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

GPT_CONFIG_124M = {"vocab_size": 50257, "context_length": 1024, "emb_dim": 768,
                   "n_heads": 12, "n_layers": 12, "drop_rate": 0.0}


class GPTModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate"])
        layer = nn.TransformerEncoderLayer(cfg["emb_dim"], cfg["n_heads"], 4 * cfg["emb_dim"],
                                           cfg["drop_rate"], activation="gelu",
                                           batch_first=True, norm_first=True)
        self.trf_blocks = nn.TransformerEncoder(layer, cfg["n_layers"])
        self.final_norm = nn.LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)

    def forward(self, in_idx):
        seq_len = in_idx.shape[1]
        pos = torch.arange(seq_len, device=in_idx.device)
        x = self.drop_emb(self.tok_emb(in_idx) + self.pos_emb(pos))
        causal = nn.Transformer.generate_square_subsequent_mask(seq_len, device=in_idx.device)
        x = self.trf_blocks(x, mask=causal, is_causal=True)
        return self.out_head(self.final_norm(x))
