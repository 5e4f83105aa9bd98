# source: https://github.com/allenai/allennlp/issues/5186
# error: RuntimeError: Input, output and indices must be on the current device
# pattern: module-not-placed
# shape: multi-file, class
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class BagOfEmbeddingsEncoder(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, embedded, mask):
        summed = (embedded * mask.unsqueeze(-1)).sum(dim=1)
        return summed / mask.sum(dim=1, keepdim=True).clamp(min=1)


class SimpleClassifier(nn.Module):
    def __init__(self, vocab_size, num_labels, dim=10):
        super().__init__()
        self.embedder = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.encoder = BagOfEmbeddingsEncoder(dim)
        self.classifier = nn.Linear(dim, num_labels)
        self.loss = nn.CrossEntropyLoss()

    def forward(self, tokens, label=None):
        mask = (tokens != 0).float()
        logits = self.classifier(self.encoder(self.embedder(tokens), mask))
        output = {"probs": logits.softmax(dim=-1)}
        if label is not None:
            output["loss"] = self.loss(logits, label)
        return output
