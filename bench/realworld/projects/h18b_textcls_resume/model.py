# source: https://github.com/taishan1994/pytorch_bert_chinese_text_classification/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class TextCNN(nn.Module):
    def __init__(self, vocab_size, num_classes, emb_dim=128, kernel_sizes=(3, 4, 5), n_filters=100):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.convs = nn.ModuleList([nn.Conv1d(emb_dim, n_filters, k) for k in kernel_sizes])
        self.dropout = nn.Dropout(0.5)
        self.fc = nn.Linear(n_filters * len(kernel_sizes), num_classes)

    def forward(self, token_ids):
        x = self.embedding(token_ids).transpose(1, 2)
        pooled = [F.relu(conv(x)).max(dim=-1).values for conv in self.convs]
        return self.fc(self.dropout(torch.cat(pooled, dim=-1)))
