# source: https://github.com/kamalkraj/BERT-NER/issues/27
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# bug-lines: 42
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import json
import os

import torch
import torch.nn as nn
from transformers import AutoModel, AutoTokenizer


class XlmrTokenTagger(nn.Module):
    def __init__(self, encoder_name, num_labels, dropout=0.1):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(encoder_name)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(self.encoder.config.hidden_size, num_labels)

    def forward(self, input_ids, attention_mask):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.classifier(self.dropout(hidden))


class MultilingualNer:
    """Wraps a WikiANN-finetuned XLM-R tagger exported by train_ner.py on the GPU box."""

    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "model_config.json")) as f:
            self.config = json.load(f)
        self.label_map = {int(k): v for k, v in self.config["label_map"].items()}
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model, self.tokenizer = self.load_model(model_dir)

    def load_model(self, model_dir):
        encoder_name = self.config["encoder_name"]
        tokenizer = AutoTokenizer.from_pretrained(encoder_name)
        model = XlmrTokenTagger(encoder_name, num_labels=len(self.label_map))
        state_dict = torch.load(os.path.join(model_dir, "pytorch_model.bin"))
        model.load_state_dict(state_dict)
        model.to(self.device)
        model.eval()
        return model, tokenizer

    def predict(self, text):
        words = text.split()
        enc = self.tokenizer(words, is_split_into_words=True, truncation=True, return_tensors="pt")
        word_ids = enc.word_ids(0)
        batch = {k: enc[k].to(self.device) for k in ("input_ids", "attention_mask")}
        with torch.no_grad():
            logits = self.model(**batch)
        pred_ids = logits.argmax(-1)[0].tolist()
        tagged, seen = [], set()
        for pos, wid in enumerate(word_ids):
            if wid is None or wid in seen:
                continue
            seen.add(wid)
            tagged.append({"word": words[wid], "tag": self.label_map[pred_ids[pos]]})
        return tagged
