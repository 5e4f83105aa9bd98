# source: https://github.com/ShannonAI/mrc-for-flat-nested-ner/issues/128
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from torch import nn
from transformers import BertModel


class BertQueryNER(nn.Module):
    """Machine-reading-comprehension NER: predicts entity start/end positions for a query."""

    def __init__(self, bert_path, dropout=0.1):
        super().__init__()
        self.bert = BertModel.from_pretrained(bert_path)
        hidden = self.bert.config.hidden_size
        self.start_outputs = nn.Linear(hidden, 1)
        self.end_outputs = nn.Linear(hidden, 1)
        self.span_embedding = nn.Sequential(
            nn.Linear(hidden * 2, hidden), nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, 1)
        )

    def forward(self, input_ids, token_type_ids, attention_mask):
        seq = self.bert(input_ids, token_type_ids=token_type_ids, attention_mask=attention_mask)[0]
        start_logits = self.start_outputs(seq).squeeze(-1)
        end_logits = self.end_outputs(seq).squeeze(-1)
        n = seq.size(1)
        start_ext = seq.unsqueeze(2).expand(-1, -1, n, -1)
        end_ext = seq.unsqueeze(1).expand(-1, n, -1, -1)
        span_logits = self.span_embedding(torch.cat([start_ext, end_ext], dim=-1)).squeeze(-1)
        return start_logits, end_logits, span_logits
