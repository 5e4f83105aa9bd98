# source: https://github.com/pytorch/pytorch/issues/111123 https://github.com/huggingface/transformers/issues/24708
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from transformers import AutoModel


class PairwiseRewardModel(nn.Module):
    """Backbone LM + scalar value head, trained with a Bradley-Terry loss on preference pairs."""

    def __init__(self, base_name):
        super().__init__()
        self.backbone = AutoModel.from_pretrained(base_name)
        self.value_head = nn.Linear(self.backbone.config.hidden_size, 1, bias=False)

    def score(self, input_ids, attention_mask):
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        last = attention_mask.sum(dim=1) - 1
        pooled = hidden[torch.arange(hidden.size(0), device=hidden.device), last]
        return self.value_head(pooled).squeeze(-1)

    def forward(self, chosen_ids, chosen_mask, rejected_ids, rejected_mask):
        chosen = self.score(chosen_ids, chosen_mask)
        rejected = self.score(rejected_ids, rejected_mask)
        loss = -nn.functional.logsigmoid(chosen - rejected).mean()
        return loss, (chosen > rejected).float().mean()
