# source: https://github.com/shibing624/MedicalGPT/issues/456
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: c10::BFloat16 != float
# pattern: input-dtype-mismatch
# shape: multi-file, class
# bug-lines: 29
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class PairwiseRewardModel(nn.Module):
    """Decoder backbone with a scalar value head read at the last non-pad token."""

    def __init__(self, backbone):
        super().__init__()
        self.backbone = backbone
        hidden_size = backbone.config.hidden_size
        self.value_head = nn.Linear(hidden_size, 1, bias=False)
        nn.init.normal_(self.value_head.weight, std=1.0 / (hidden_size + 1))

    def forward(self, input_ids, attention_mask):
        out = self.backbone(input_ids=input_ids, attention_mask=attention_mask)
        hidden = out.last_hidden_state
        last = attention_mask.sum(dim=1) - 1
        rows = torch.arange(hidden.size(0), device=hidden.device)
        pooled = hidden[rows, last]
        return self.value_head(pooled).squeeze(-1)


def pairwise_loss(chosen_rewards, rejected_rewards):
    return -F.logsigmoid(chosen_rewards - rejected_rewards).mean()


def preference_accuracy(chosen_rewards, rejected_rewards):
    return (chosen_rewards > rejected_rewards).float().mean().item()
