# source: https://github.com/HoyTta0/KnowledgeDistillation/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_CUDA_nll_loss_forward)
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch.nn as nn
from transformers import BertModel


class BertTeacher(nn.Module):
    """Fine-tuned BERT classifier that later provides soft targets for the student."""

    def __init__(self, bert_dir, num_classes, dropout=0.1):
        super().__init__()
        self.bert = BertModel.from_pretrained(bert_dir)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(self.bert.config.hidden_size, num_classes)

    def forward(self, input_ids, attention_mask):
        out = self.bert(input_ids=input_ids, attention_mask=attention_mask)
        return self.fc(self.dropout(out.pooler_output))


class BiLSTMStudent(nn.Module):
    def __init__(self, vocab_size, num_classes, emb_dim=128, hidden=256):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.lstm = nn.LSTM(emb_dim, hidden, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(hidden * 2, num_classes)

    def forward(self, input_ids):
        out, _ = self.lstm(self.embedding(input_ids))
        return self.fc(out[:, -1, :])
