# source: https://github.com/pnageshkar/NLP/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: loader-loop, batch-dict, class
# bug-lines: 43, 53
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
"""Predict multi-label intent tags for customer-support chat turns."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from transformers import BertModel, BertTokenizerFast

TAGS = ["billing", "refund", "shipping", "account", "complaint", "greeting"]


class ChatTurnTagger(nn.Module):
    def __init__(self, n_labels, bert_name="bert-base-uncased"):
        super().__init__()
        self.bert = BertModel.from_pretrained(bert_name)
        self.dropout = nn.Dropout(0.2)
        self.classifier = nn.Linear(self.bert.config.hidden_size, n_labels)

    def forward(self, input_ids, attention_mask):
        pooled = self.bert(input_ids=input_ids, attention_mask=attention_mask).pooler_output
        return self.classifier(self.dropout(pooled))


def build_pred_loader(tokenizer, turns, labels, batch_size=32):
    enc = tokenizer(turns, padding="max_length", truncation=True, max_length=96, return_tensors="pt")
    dataset = TensorDataset(enc["input_ids"], enc["attention_mask"], torch.tensor(labels, dtype=torch.float))
    return DataLoader(dataset, batch_size=batch_size, shuffle=False)


def predict(model, pred_dataloader, device, threshold=0.5):
    model.eval()
    pred_outs, true_labels = [], []
    for batch in pred_dataloader:
        batch = tuple(t.to(device) for t in batch)
        b_input_ids, b_attn_mask, b_labels = batch
        with torch.no_grad():
            pred_out = torch.sigmoid(model(b_input_ids, b_attn_mask))
        pred_outs.append(pred_out.detach().cpu().numpy())
        true_labels.append(b_labels.to("cpu").numpy())
    preds = np.concatenate(pred_outs) >= threshold
    return preds, np.concatenate(true_labels)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = BertTokenizerFast.from_pretrained("bert-base-uncased")
    model = ChatTurnTagger(len(TAGS))
    model.load_state_dict(torch.load("tagger_best.bin", map_location="cpu"))

    turns = [line.rstrip("\n").split("\t") for line in open("test_turns.tsv")]
    texts = [t[0] for t in turns]
    labels = [[1.0 if tag in t[1].split(",") else 0.0 for tag in TAGS] for t in turns]
    loader = build_pred_loader(tokenizer, texts, labels)
    preds, gold = predict(model, loader, device)
    print("exact-match accuracy:", (preds == gold.astype(bool)).all(axis=1).mean())
