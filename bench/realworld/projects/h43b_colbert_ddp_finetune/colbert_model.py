# source: https://github.com/AnswerDotAI/RAGatouille/issues/81
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

"""Late-interaction (ColBERT-style) scorer used for passage-ranking fine-tuning."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ColBERT(nn.Module):
    def __init__(self, vocab_size=30522, hidden=256, dim=128, n_layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden, padding_idx=0)
        layer = nn.TransformerEncoderLayer(hidden, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.linear = nn.Linear(hidden, dim, bias=False)

    def encode(self, ids):
        h = self.encoder(self.embed(ids), src_key_padding_mask=ids == 0)
        return F.normalize(self.linear(h), dim=-1) * (ids != 0).unsqueeze(-1)

    def forward(self, query_ids, doc_ids, n_way):
        q = self.encode(query_ids).repeat_interleave(n_way, dim=0)
        d = self.encode(doc_ids)
        scores = torch.einsum("bqd,bkd->bqk", q, d).max(dim=-1).values.sum(dim=-1)
        return scores.view(-1, n_way)

    @classmethod
    def from_pretrained(cls, path):
        model = cls()
        try:
            model.load_state_dict(torch.load(path, map_location="cpu"))
        except FileNotFoundError:
            pass
        return model
