# source: https://github.com/facebookresearch/DPR/issues/173
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, class, loader-loop
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Question / passage towers of a dense passage retriever."""
import collections

import torch.nn as nn
from transformers import AutoModel

BiEncoderBatch = collections.namedtuple(
    "BiEncoderBatch",
    ["question_ids", "question_segments", "context_ids", "ctx_segments",
     "is_positive", "hard_negatives"],
)


class HFEncoder(nn.Module):
    def __init__(self, pretrained_name, dropout=0.1):
        super().__init__()
        self.bert = AutoModel.from_pretrained(pretrained_name,
                                              hidden_dropout_prob=dropout)

    def forward(self, ids, segments, attn_mask):
        out = self.bert(input_ids=ids, token_type_ids=segments,
                        attention_mask=attn_mask)
        return out.last_hidden_state[:, 0, :]


class BiEncoder(nn.Module):
    def __init__(self, question_model, ctx_model):
        super().__init__()
        self.question_model = question_model
        self.ctx_model = ctx_model

    def forward(self, q_ids, q_segments, q_mask, ctx_ids, ctx_segments, ctx_mask):
        q_vectors = self.question_model(q_ids, q_segments, q_mask)
        ctx_vectors = self.ctx_model(ctx_ids, ctx_segments, ctx_mask)
        return q_vectors, ctx_vectors


def build_biencoder(pretrained_name):
    return BiEncoder(HFEncoder(pretrained_name), HFEncoder(pretrained_name))
