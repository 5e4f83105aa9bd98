# source: https://github.com/GRAAL-Research/deepparse/pull/298
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 14, 30, 31
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def length_mask(lengths, max_len):
    """Boolean mask [batch, max_len]: True where the position is inside the sequence."""
    return torch.arange(max_len)[None, :] < torch.tensor(lengths)[:, None]


class AttentionDecoder(nn.Module):
    def __init__(self, hidden_size, output_size):
        super().__init__()
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.lstm = nn.LSTM(2 * hidden_size, hidden_size, batch_first=True)
        self.weights = nn.Parameter(torch.empty(hidden_size, hidden_size))
        nn.init.xavier_uniform_(self.weights)
        self.out = nn.Linear(hidden_size, output_size)

    def _attend(self, decoder_hidden, encoder_outputs, lengths):
        # decoder_hidden: [1, B, H], encoder_outputs: [B, T, H]
        query = decoder_hidden.transpose(0, 1) @ self.weights  # [B, 1, H]
        scores = (query @ encoder_outputs.transpose(1, 2)).squeeze(1)  # [B, T]
        mask = length_mask(lengths, encoder_outputs.size(1))
        scores = scores.masked_fill(~mask, float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        return (weights.unsqueeze(1) @ encoder_outputs), weights

    def forward(self, token, hidden, encoder_outputs, lengths):
        emb = self.embedding(token)  # [B, 1, H]
        context, attn = self._attend(hidden[0], encoder_outputs, lengths)
        output, hidden = self.lstm(torch.cat([emb, context], dim=-1), hidden)
        return self.out(output.squeeze(1)), hidden, attn
