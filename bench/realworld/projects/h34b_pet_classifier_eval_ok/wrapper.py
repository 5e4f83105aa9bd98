# source: https://github.com/timoschick/pet/issues/86
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _th_index_select
# pattern: module-not-placed
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: module-not-placed
# needs: torch, transformers, numpy
# cpu: no written where torch was not installed; not run
import json
import os

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

CONFIG_NAME = "wrapper_config.json"


class TransformerModelWrapper:
    """Holds a sequence classifier plus its tokenizer and label list."""

    def __init__(self, model_name_or_path, label_list, max_seq_length=256):
        self.label_list = list(label_list)
        self.max_seq_length = max_seq_length
        self.tokenizer = AutoTokenizer.from_pretrained(model_name_or_path)
        self.model = AutoModelForSequenceClassification.from_pretrained(
            model_name_or_path, num_labels=len(self.label_list))

    @classmethod
    def from_pretrained(cls, path):
        with open(os.path.join(path, CONFIG_NAME)) as fh:
            cfg = json.load(fh)
        return cls(path, cfg["label_list"], cfg["max_seq_length"])

    def encode(self, texts):
        return self.tokenizer(texts, padding=True, truncation=True,
                              max_length=self.max_seq_length, return_tensors="pt")

    def eval(self, loader, device):
        self.model.eval()
        preds, all_labels, all_idx = [], [], []
        for batch in loader:
            batch = {k: t.to(device) for k, t in batch.items()}
            labels = batch.pop("labels")
            indices = batch.pop("idx")
            with torch.no_grad():
                logits = self.model(**batch).logits
            preds.append(logits.detach().cpu().numpy())
            all_labels.append(labels.cpu().numpy())
            all_idx.append(indices.cpu().numpy())
        return {"logits": np.concatenate(preds), "labels": np.concatenate(all_labels),
                "indices": np.concatenate(all_idx)}
