# source: https://github.com/pytorch/text/pull/409
# error: RuntimeError: legacy constructor for device type: cpu was passed device type: cuda, but device type must be: cpu
# pattern: legacy-tensor-constructor
# shape: helper, batch-dict
# bug-lines: 52
# needs: torch, fastapi, pydantic
# cpu: no written where torch was not installed; not run
"""FastAPI service for the char-CNN + BiLSTM NER tagger (nested char field)."""
import json
from typing import List

import torch
import torch.nn as nn
from fastapi import FastAPI
from pydantic import BaseModel

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
MAX_WORD_LEN = 16

with open("artifacts/char_vocab.json") as f:
    CHAR_VOCAB = json.load(f)
with open("artifacts/tags.json") as f:
    TAGS = json.load(f)


class CharCNNTagger(nn.Module):
    def __init__(self, n_chars, n_tags, char_dim=32, filters=64, hidden=128):
        super().__init__()
        self.char_emb = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.conv = nn.Conv1d(char_dim, filters, kernel_size=3, padding=1)
        self.lstm = nn.LSTM(filters, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_tags)

    def forward(self, chars):
        b, w, c = chars.shape
        e = self.char_emb(chars.view(b * w, c)).transpose(1, 2)
        words = torch.relu(self.conv(e)).max(dim=2).values.view(b, w, -1)
        h, _ = self.lstm(words)
        return self.out(h)


def numericalize_chars(sentences, char_vocab, max_word_len, device):
    max_words = max(len(s) for s in sentences)
    padded = []
    for sent in sentences:
        rows = []
        for word in sent:
            ids = [char_vocab.get(ch, 1) for ch in word[:max_word_len]]
            rows.append(ids + [0] * (max_word_len - len(ids)))
        rows += [[0] * max_word_len] * (max_words - len(sent))
        padded.append(rows)
    return torch.LongTensor(padded, device=device)


MODEL = CharCNNTagger(len(CHAR_VOCAB) + 2, len(TAGS))
MODEL.load_state_dict(torch.load("artifacts/tagger.pt", map_location="cpu"))
MODEL.to(DEVICE).eval()

app = FastAPI()


class TagRequest(BaseModel):
    sentences: List[List[str]]


@app.post("/tag")
def tag(req: TagRequest):
    batch = {"chars": numericalize_chars(req.sentences, CHAR_VOCAB, MAX_WORD_LEN, DEVICE)}
    with torch.no_grad():
        pred = MODEL(batch["chars"]).argmax(-1).cpu().tolist()
    return {
        "tags": [[TAGS[t] for t in row[: len(sent)]] for row, sent in zip(pred, req.sentences)]
    }
