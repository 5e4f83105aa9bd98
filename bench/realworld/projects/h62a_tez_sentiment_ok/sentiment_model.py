# source: https://github.com/abhishekkrthakur/tez/pull/18
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, loader-loop
# looks-like: torch-load-map-location
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from transformers import AutoModel, AutoTokenizer

from engine import TrainableModel

MODEL_NAME = "bert-base-uncased"


class ReviewDataset(torch.utils.data.Dataset):
    def __init__(self, texts, targets=None, max_len=128):
        self.texts, self.targets = texts, targets
        self.tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
        self.max_len = max_len

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, idx):
        enc = self.tokenizer(self.texts[idx], truncation=True, max_length=self.max_len,
                             padding="max_length", return_tensors="pt")
        item = {k: v.squeeze(0) for k, v in enc.items()}
        if self.targets is not None:
            item["targets"] = torch.tensor(self.targets[idx], dtype=torch.float)
        return item


class BERTSentiment(TrainableModel):
    def __init__(self):
        super().__init__()
        self.bert = AutoModel.from_pretrained(MODEL_NAME, return_dict=True)
        self.drop = nn.Dropout(0.3)
        self.out = nn.Linear(self.bert.config.hidden_size, 1)

    def forward(self, input_ids, attention_mask, token_type_ids, targets=None):
        pooled = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                           token_type_ids=token_type_ids).pooler_output
        logits = self.out(self.drop(pooled)).squeeze(-1)
        loss = None
        if targets is not None:
            loss = nn.functional.binary_cross_entropy_with_logits(logits, targets)
        return torch.sigmoid(logits), loss
