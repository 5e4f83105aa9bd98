# source: https://github.com/taishan1994/pytorch_triple_extraction/issues/8
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 27, 28, 35
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""BERT + BiLSTM token tagger used to pull entities out of raw text."""
import torch
import torch.nn as nn
from transformers import BertModel, BertTokenizerFast


class BertBiLstmNer(nn.Module):
    def __init__(self, bert_dir, num_tags, lstm_hidden=128, num_layers=2, dropout=0.1):
        super().__init__()
        self.bert = BertModel.from_pretrained(bert_dir)
        hidden = self.bert.config.hidden_size
        self.lstm_hidden = lstm_hidden
        self.num_layers = num_layers
        self.lstm = nn.LSTM(hidden, lstm_hidden, num_layers, bidirectional=True,
                            batch_first=True, dropout=dropout)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(lstm_hidden * 2, num_tags)

    def init_hidden(self, batch_size):
        h0 = torch.randn(2 * self.num_layers, batch_size, self.lstm_hidden, requires_grad=True)
        c0 = torch.randn(2 * self.num_layers, batch_size, self.lstm_hidden, requires_grad=True)
        return h0, c0

    def forward(self, token_ids, attention_masks, token_type_ids):
        seq_out = self.bert(input_ids=token_ids, attention_mask=attention_masks,
                            token_type_ids=token_type_ids).last_hidden_state
        hidden = self.init_hidden(seq_out.size(0))
        seq_out, (hn, _) = self.lstm(seq_out, hidden)
        return self.classifier(self.dropout(seq_out))


class NerPredictor:
    def __init__(self, bert_dir, model_path, id2tag):
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.tokenizer = BertTokenizerFast.from_pretrained(bert_dir)
        self.id2tag = id2tag
        self.model = BertBiLstmNer(bert_dir, num_tags=len(id2tag))
        self.model.load_state_dict(torch.load(model_path, map_location="cpu"))
        self.model.to(self.device).eval()

    def predict(self, raw_text):
        enc = self.tokenizer(list(raw_text), is_split_into_words=True, return_tensors="pt",
                             truncation=True, max_length=256)
        with torch.no_grad():
            logits = self.model(enc["input_ids"].to(self.device), enc["attention_mask"].to(self.device),
                                enc["token_type_ids"].to(self.device))
        tags = [self.id2tag[i] for i in logits.argmax(-1)[0, 1:-1].tolist()]
        return decode_entities(raw_text, tags)


def decode_entities(text, tags):
    entities, start = [], None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and not tag.startswith("I-"):
            entities.append((text[start:i], tags[start][2:], start))
            start = None
        if tag.startswith("B-"):
            start = i
    return entities


if __name__ == "__main__":
    id2tag = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
    predictor = NerPredictor("bert-base-chinese", "checkpoints/bert_bilstm_ner.pt", id2tag)
    print(predictor.predict("王小明在北京的清华大学读书。"))
