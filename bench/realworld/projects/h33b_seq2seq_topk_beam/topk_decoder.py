# source: https://github.com/IBM/pytorch-seq2seq/pull/123
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 31, 37
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def inflate(tensor, times, dim):
    repeat_dims = [1] * tensor.dim()
    repeat_dims[dim] = times
    return tensor.repeat(*repeat_dims)


class TopKDecoder(nn.Module):
    def __init__(self, decoder_rnn, k=5):
        super().__init__()
        self.rnn = decoder_rnn
        self.k = k
        self.V = decoder_rnn.vocab_size

    def forward(self, encoder_hidden, encoder_outputs, max_length=50):
        batch_size = encoder_outputs.size(0)
        device = encoder_outputs.device
        pos_index = (torch.arange(batch_size, device=device) * self.k).view(-1, 1)
        hidden = encoder_hidden.repeat_interleave(self.k, dim=1)
        enc_out = encoder_outputs.repeat_interleave(self.k, dim=0)
        input_var = torch.full((batch_size * self.k, 1), self.rnn.sos_id, dtype=torch.long)
        sequence_scores = torch.full((batch_size * self.k, 1), float("-inf"), device=device)
        sequence_scores[pos_index.view(-1)] = 0.0

        stored_symbols, stored_predecessors, stored_scores = [], [], []
        for _ in range(max_length):
            log_probs, hidden = self.rnn.forward_step(input_var, hidden, enc_out)
            sequence_scores = inflate(sequence_scores, self.V, 1) + log_probs.squeeze(1)
            scores, candidates = sequence_scores.view(batch_size, -1).topk(self.k, dim=1)
            input_var = (candidates % self.V).view(batch_size * self.k, 1)
            sequence_scores = scores.view(batch_size * self.k, 1)
            predecessors = (candidates // self.V + pos_index.expand_as(candidates)).view(-1)
            hidden = hidden.index_select(1, predecessors)
            stored_scores.append(sequence_scores.clone())
            stored_predecessors.append(predecessors)
            stored_symbols.append(input_var.clone())
        return self._backtrack(stored_symbols, stored_predecessors, stored_scores, batch_size)

    def _backtrack(self, symbols, predecessors, scores, batch_size):
        best = scores[-1].view(batch_size, self.k).argmax(dim=1)
        idx = best + torch.arange(batch_size, device=best.device) * self.k
        tokens = []
        for t in range(len(symbols) - 1, -1, -1):
            tokens.append(symbols[t].view(-1).index_select(0, idx))
            idx = predecessors[t].index_select(0, idx)
        return torch.stack(tokens[::-1], dim=1)
