# source: https://github.com/TmaxEdu/KorDPR/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# looks-like: inputs-not-moved
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Korean dense passage retriever: shared BERT with separate query / passage heads."""
import torch
import torch.nn as nn
from transformers import AutoModel


class KobertBiEncoder(nn.Module):
    def __init__(self, pretrained="skt/kobert-base-v1"):
        super().__init__()
        self.passage_encoder = AutoModel.from_pretrained(pretrained)
        self.query_encoder = AutoModel.from_pretrained(pretrained)
        self.emb_sz = self.passage_encoder.config.hidden_size

    def forward(self, x, attn_mask, kind="passage"):
        assert kind in ("passage", "query"), "kind must be passage or query"
        encoder = self.passage_encoder if kind == "passage" else self.query_encoder
        return encoder(input_ids=x, attention_mask=attn_mask).pooler_output

    @classmethod
    def load(cls, path, device):
        model = cls()
        model.load_state_dict(torch.load(path, map_location="cpu"))
        return model.to(device).eval()
