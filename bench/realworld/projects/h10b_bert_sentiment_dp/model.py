# source: https://github.com/abhishekkrthakur/bert-sentiment/issues/4
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import transformers

import config


class BERTBaseUncased(nn.Module):
    def __init__(self):
        super().__init__()
        self.bert = transformers.BertModel.from_pretrained(config.BERT_PATH)
        self.bert_drop = nn.Dropout(0.3)
        self.out = nn.Linear(768, 1)

    def forward(self, ids, mask, token_type_ids):
        outputs = self.bert(ids, attention_mask=mask, token_type_ids=token_type_ids)
        pooled = outputs.pooler_output
        return self.out(self.bert_drop(pooled))
