# source: https://github.com/babylm/evaluation-pipeline-2025/pull/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: multi-file, class, batch-dict
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size, hidden_size, num_labels, num_layers=2, num_heads=4):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden_size, padding_idx=0)
        layer = nn.TransformerEncoderLayer(hidden_size, num_heads, hidden_size * 2, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers)
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(hidden_size, num_labels)

    def forward(self, input_ids, attention_mask, labels=None):
        hidden = self.encoder(self.embed(input_ids), src_key_padding_mask=attention_mask == 0)
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        logits = self.classifier(self.dropout(pooled))
        loss = None
        if labels is not None:
            loss = nn.functional.cross_entropy(logits, labels)
        return loss, logits


def build_classifier(vocab_size, num_labels, hidden_size=64):
    model = SequenceClassifier(vocab_size, hidden_size, num_labels)
    for name, param in model.named_parameters():
        if param.dim() > 1 and "embed" not in name:
            nn.init.xavier_uniform_(param)
    return model
