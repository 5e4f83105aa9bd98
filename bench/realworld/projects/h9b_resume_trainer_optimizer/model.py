# source: https://github.com/huggingface/transformers/pull/4450
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Bag-of-embeddings intent classifier used by the fine-tuning script."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class IntentClassifier(nn.Module):
    def __init__(self, vocab_size, num_labels, dim=256, hidden=512, dropout=0.1, pad_id=0):
        super().__init__()
        self.pad_id = pad_id
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=pad_id)
        self.encoder = nn.Sequential(
            nn.Linear(dim, hidden),
            nn.GELU(),
            nn.Dropout(dropout),
        )
        self.LayerNorm = nn.LayerNorm(hidden)
        self.classifier = nn.Linear(hidden, num_labels)

    def forward(self, input_ids, attention_mask, labels=None):
        emb = self.embed(input_ids)
        mask = attention_mask.unsqueeze(-1).to(emb.dtype)
        pooled = (emb * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        logits = self.classifier(self.LayerNorm(self.encoder(pooled)))
        out = {"logits": logits}
        if labels is not None:
            out["loss"] = F.cross_entropy(logits, labels)
        return out

    @classmethod
    def from_checkpoint(cls, ckpt_dir, **kwargs):
        model = cls(**kwargs)
        state = torch.load(f"{ckpt_dir}/pytorch_model.bin", map_location="cpu")
        model.load_state_dict(state)
        return model
