# source: https://github.com/mikkelfo/CORE-BEHRT/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class EHREmbeddings(nn.Module):
    def __init__(self, vocab_size, hidden, max_age=120, max_segments=256):
        super().__init__()
        self.concept = nn.Embedding(vocab_size, hidden, padding_idx=0)
        self.age = nn.Embedding(max_age, hidden)
        self.segment = nn.Embedding(max_segments, hidden)
        self.norm = nn.LayerNorm(hidden)

    def forward(self, concept, age, segment):
        return self.norm(self.concept(concept) + self.age(age) + self.segment(segment))


class EHRBert(nn.Module):
    """Small BEHRT-style encoder predicting masked medical concepts."""

    def __init__(self, vocab_size, hidden=128, layers=4, heads=4):
        super().__init__()
        self.embeddings = EHREmbeddings(vocab_size, hidden)
        block = nn.TransformerEncoderLayer(hidden, heads, 4 * hidden, batch_first=True)
        self.encoder = nn.TransformerEncoder(block, layers)
        self.mlm_head = nn.Linear(hidden, vocab_size)

    def forward(self, concept, age, segment, attention_mask, target=None):
        h = self.embeddings(concept, age, segment)
        h = self.encoder(h, src_key_padding_mask=attention_mask == 0)
        logits = self.mlm_head(h)
        if target is None:
            return logits
        loss = nn.functional.cross_entropy(logits.transpose(1, 2), target, ignore_index=-100)
        return logits, loss
