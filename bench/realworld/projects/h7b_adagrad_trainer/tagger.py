# source: https://github.com/allenai/allennlp/issues/205
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F


class SimpleTagger(nn.Module):
    def __init__(self, vocab_size, num_tags, embedding_dim=100, hidden_dim=200):
        super().__init__()
        self.embedder = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.encoder = nn.LSTM(embedding_dim, hidden_dim, batch_first=True, bidirectional=True)
        self.projection = nn.Linear(2 * hidden_dim, num_tags)

    def forward(self, tokens, tags=None):
        mask = tokens != 0
        encoded, _ = self.encoder(self.embedder(tokens))
        logits = self.projection(encoded)
        output = {"logits": logits, "mask": mask}
        if tags is not None:
            output["loss"] = F.cross_entropy(logits[mask], tags[mask])
        return output
