# source: https://github.com/deepset-ai/FARM/pull/200
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 46, 54
# needs: torch
# cpu: no written where torch was not installed; not run
"""Prediction heads that can be resized to fit a language model and a label set."""
import logging

import torch.nn as nn

logger = logging.getLogger(__name__)


class FeedForwardBlock(nn.Module):
    def __init__(self, layer_dims, dropout=0.1):
        super().__init__()
        self.layer_dims = list(layer_dims)
        layers = []
        for i in range(len(layer_dims) - 1):
            layers.append(nn.Linear(layer_dims[i], layer_dims[i + 1]))
            if i < len(layer_dims) - 2:
                layers.append(nn.ReLU())
                layers.append(nn.Dropout(dropout))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class TextClassificationHead(nn.Module):
    def __init__(self, layer_dims=(768, 2), task_name="text_classification"):
        super().__init__()
        self.task_name = task_name
        self.layer_dims = list(layer_dims)
        self.feed_forward = FeedForwardBlock(self.layer_dims)
        self.loss_fct = nn.CrossEntropyLoss(reduction="none")

    def resize_input(self, lm_hidden_size):
        """Rebuild the MLP if the language model's hidden size differs from the config."""
        dims = self.feed_forward.layer_dims
        if dims[0] != lm_hidden_size:
            logger.info("%s: input %d -> %d", self.task_name, dims[0], lm_hidden_size)
            self.layer_dims = [lm_hidden_size] + dims[1:]
            self.feed_forward = FeedForwardBlock(self.layer_dims)

    def resize_output(self, num_labels):
        """Rebuild the MLP so that it emits one logit per label in the label list."""
        dims = self.feed_forward.layer_dims
        if dims[-1] != num_labels:
            logger.info("%s: output %d -> %d", self.task_name, dims[-1], num_labels)
            self.layer_dims = dims[:-1] + [num_labels]
            self.feed_forward = FeedForwardBlock(self.layer_dims)

    def forward(self, pooled_output):
        return self.feed_forward(pooled_output)

    def logits_to_loss(self, logits, label_ids):
        return self.loss_fct(logits, label_ids.view(-1))
