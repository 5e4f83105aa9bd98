# source: https://github.com/deepset-ai/FARM/pull/200
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 26, 30
# needs: torch
# cpu: no written where torch was not installed; not run
"""Language model + prediction heads, placed on the training device at construction."""
import torch
import torch.nn as nn

from heads import TextClassificationHead


class AdaptiveModel(nn.Module):
    def __init__(self, language_model, prediction_heads, device="cuda"):
        super().__init__()
        self.device = device
        self.language_model = language_model.to(device)
        self.lm_output_dims = language_model.output_dim
        self.prediction_heads = nn.ModuleList([ph.to(device) for ph in prediction_heads])

    def fit_heads_to_lm(self):
        """Make sure every head takes the language model's hidden size as input."""
        for ph in self.prediction_heads:
            ph.resize_input(self.lm_output_dims)

    def connect_heads_with_labels(self, label_lists):
        for head, label_list in zip(self.prediction_heads, label_lists):
            head.resize_output(len(label_list))
            head.label_list = label_list

    def forward(self, input_ids, padding_mask):
        sequence_output = self.language_model(input_ids, padding_mask)
        pooled = (sequence_output * padding_mask.unsqueeze(-1)).sum(1)
        pooled = pooled / padding_mask.sum(1, keepdim=True).clamp(min=1)
        return [head(pooled) for head in self.prediction_heads]

    def logits_to_loss(self, all_logits, label_ids):
        losses = [head.logits_to_loss(logits, label_ids)
                  for head, logits in zip(self.prediction_heads, all_logits)]
        return torch.stack(losses).sum(0).mean()

    @classmethod
    def for_classification(cls, language_model, label_list, device):
        head = TextClassificationHead(layer_dims=[768, 2], task_name="doc_class")
        model = cls(language_model, [head], device=device)
        model.fit_heads_to_lm()
        model.connect_heads_with_labels([label_list])
        return model
