# source: https://github.com/asyml/texar-pytorch/issues/72 https://github.com/asyml/texar-pytorch/pull/74
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn

from layers import MergeLayer


class MultiKernelTextCNN(nn.Module):
    """Kim-style CNN: parallel convolutions of different widths, merged then pooled."""

    def __init__(self, vocab_size, emb_dim=128, channels=100, widths=(3, 4, 5), num_classes=2):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        convs = [nn.Conv1d(emb_dim, channels, w, padding=w // 2) for w in widths]
        self.merge = MergeLayer(convs, mode="concat", dim=1)
        self.dropout = nn.Dropout(0.5)
        self.out = nn.Linear(channels * len(widths), num_classes)

    def forward(self, token_ids):
        x = self.embedding(token_ids).transpose(1, 2)
        x = self.merge(x).relu()
        x = x.max(dim=-1).values
        return self.out(self.dropout(x))
