# source: https://github.com/sebsk/CS224N-Project/pull/2
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TweetCNN(nn.Module):
    def __init__(self, vocab_size, num_classes, emb_dim=128, n_filters=100, widths=(2, 3, 4)):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.convs = nn.ModuleList(nn.Conv1d(emb_dim, n_filters, w) for w in widths)
        self.dropout = nn.Dropout(0.3)
        self.out = nn.Linear(n_filters * len(widths), num_classes)

    def forward(self, token_ids):
        x = self.embed(token_ids).transpose(1, 2)
        pooled = [torch.relu(conv(x)).max(dim=2).values for conv in self.convs]
        return self.out(self.dropout(torch.cat(pooled, dim=1)))
