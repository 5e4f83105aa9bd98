# source: https://github.com/allenai/allennlp/issues/345
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class DecomposableAttention(nn.Module):
    def __init__(self, vocab_size, dim=200, num_labels=3):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.attend = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, dim), nn.ReLU())
        self.compare = nn.Sequential(nn.Linear(2 * dim, dim), nn.ReLU(), nn.Linear(dim, dim), nn.ReLU())
        self.aggregate = nn.Sequential(nn.Linear(2 * dim, dim), nn.ReLU(), nn.Linear(dim, num_labels))

    def forward(self, premise, hypothesis):
        p_mask, h_mask = (premise != 0).float(), (hypothesis != 0).float()
        a, b = self.embed(premise), self.embed(hypothesis)
        scores = torch.bmm(self.attend(a), self.attend(b).transpose(1, 2))
        beta = torch.bmm(F.softmax(scores.masked_fill(h_mask[:, None] == 0, -1e9), dim=2), b)
        alpha = torch.bmm(F.softmax(scores.masked_fill(p_mask[:, :, None] == 0, -1e9), dim=1).transpose(1, 2), a)
        v1 = (self.compare(torch.cat([a, beta], -1)) * p_mask[..., None]).sum(1)
        v2 = (self.compare(torch.cat([b, alpha], -1)) * h_mask[..., None]).sum(1)
        return self.aggregate(torch.cat([v1, v2], -1))
