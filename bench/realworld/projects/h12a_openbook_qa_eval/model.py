# source: https://github.com/allenai/OpenBookQA/pull/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ChoiceScorer(nn.Module):
    def __init__(self, vocab_size, embed_dim=300, hidden_dim=256, padding_idx=0):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim, padding_idx=padding_idx)
        self.encoder = nn.LSTM(embed_dim, hidden_dim, batch_first=True, bidirectional=True)
        self.bilinear = nn.Bilinear(2 * hidden_dim, 2 * hidden_dim, 1)

    def encode(self, token_ids, mask):
        states, _ = self.encoder(self.embed(token_ids))
        states = states.masked_fill(~mask.unsqueeze(-1), -1e4)
        return states.max(dim=1).values

    def forward(self, question, question_mask, choices, choices_mask, label=None):
        batch, n_choices, length = choices.shape
        q = self.encode(question, question_mask)
        c = self.encode(choices.view(-1, length), choices_mask.view(-1, length))
        q = q.unsqueeze(1).expand(-1, n_choices, -1).reshape(batch * n_choices, -1)
        logits = self.bilinear(q, c).view(batch, n_choices)
        output = {"label_logits": logits, "label_probs": logits.softmax(-1)}
        if label is not None:
            output["loss"] = nn.functional.cross_entropy(logits, label)
        return output
