# source: https://github.com/allenai/allennlp/issues/2182
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class DecomposableAttention(nn.Module):
    """Parikh et al. (2016) attend / compare / aggregate model for SNLI."""

    def __init__(self, vocab_size, embed_dim=300, hidden=200, num_labels=3):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.attend = nn.Sequential(nn.Linear(embed_dim, hidden), nn.ReLU())
        self.compare = nn.Sequential(nn.Linear(2 * embed_dim, hidden), nn.ReLU())
        self.aggregate = nn.Sequential(nn.Linear(2 * hidden, hidden), nn.ReLU(),
                                       nn.Linear(hidden, num_labels))

    def forward(self, premise, hypothesis):
        p, h = self.embed(premise), self.embed(hypothesis)
        scores = self.attend(p) @ self.attend(h).transpose(1, 2)
        p_mask = (premise != 0).float()
        h_mask = (hypothesis != 0).float()
        beta = F.softmax(scores.masked_fill(h_mask[:, None, :] == 0, -1e9), dim=2) @ h
        alpha = F.softmax(scores.transpose(1, 2).masked_fill(p_mask[:, None, :] == 0, -1e9),
                          dim=2) @ p
        v1 = (self.compare(torch.cat([p, beta], -1)) * p_mask[..., None]).sum(1)
        v2 = (self.compare(torch.cat([h, alpha], -1)) * h_mask[..., None]).sum(1)
        return self.aggregate(torch.cat([v1, v2], -1))
