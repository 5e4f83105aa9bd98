# source: https://github.com/seyonechithrananda/bert-loves-chemistry/pull/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file, batch-dict
# bug-lines: 31, 32, 40, 46
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from transformers import RobertaModel, RobertaPreTrainedModel


class RegressionHead(nn.Module):
    def __init__(self, hidden_size, num_labels, dropout=0.1):
        super().__init__()
        self.dense = nn.Linear(hidden_size, hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.out_proj = nn.Linear(hidden_size, num_labels)

    def forward(self, cls_hidden):
        x = torch.relu(self.dense(self.dropout(cls_hidden)))
        return self.out_proj(self.dropout(x))


class RobertaForRegression(RobertaPreTrainedModel):
    def __init__(self, config):
        super().__init__(config)
        self.num_labels = config.num_labels
        self.roberta = RobertaModel(config, add_pooling_layer=False)
        self.regression = RegressionHead(config.hidden_size, config.num_labels)
        self.norm_mean = torch.tensor(config.norm_mean, dtype=torch.float32)
        self.norm_std = torch.tensor(config.norm_std, dtype=torch.float32)
        self.post_init()

    def forward(self, input_ids=None, attention_mask=None, labels=None):
        hidden = self.roberta(input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.regression(hidden[:, 0, :])
        loss = None
        if labels is not None:
            normalized_labels = (labels - self.norm_mean) / self.norm_std
            loss = nn.functional.mse_loss(logits, normalized_labels)
        return {"loss": loss, "logits": logits}

    def predict_denormalized(self, input_ids, attention_mask):
        logits = self.forward(input_ids, attention_mask)["logits"]
        return logits * self.norm_std + self.norm_mean
