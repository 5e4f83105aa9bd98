# source: https://github.com/IBM/pytorch-seq2seq/issues/102
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 27, 28, 37, 42
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def _inflate(tensor, times, dim):
    return tensor.repeat_interleave(times, dim=dim)


class BeamSearchDecoder:
    """Top-k beam search on top of a trained DecoderRNN (see model.py)."""

    def __init__(self, decoder, k=5):
        self.decoder = decoder
        self.k = k

    @torch.no_grad()
    def __call__(self, memory, hidden):
        batch_size = memory.size(0)
        k, V = self.k, self.decoder.vocab_size

        pos_index = (torch.arange(batch_size) * k).view(-1, 1)
        input_var = torch.full((batch_size * k, 1), self.decoder.sos_id, dtype=torch.long)
        scores = torch.full((batch_size * k, 1), float("-inf"), device=memory.device)
        scores[::k] = 0.0

        hidden = _inflate(hidden, k, 1)
        memory = _inflate(memory, k, 0)
        symbols, parents = [], []

        for _ in range(self.decoder.max_length):
            logp, hidden = self.decoder.step(input_var, hidden, memory)
            scores = (scores + logp).view(batch_size, -1)
            top_scores, candidates = scores.topk(k, dim=1)
            input_var = (candidates % V).view(-1, 1)
            scores = top_scores.view(-1, 1)
            predecessors = (candidates // V + pos_index).view(-1)
            hidden = hidden.index_select(1, predecessors)
            symbols.append(input_var)
            parents.append(predecessors)
            ended = input_var.eq(self.decoder.eos_id)
            scores = scores.masked_fill(ended, float("-inf"))

        return self._backtrack(symbols, parents, batch_size)

    def _backtrack(self, symbols, parents, batch_size):
        best = torch.arange(batch_size, device=symbols[0].device) * self.k
        tokens = []
        for sym, par in zip(reversed(symbols), reversed(parents)):
            tokens.append(sym.view(-1)[best])
            best = par[best]
        return torch.stack(tokens[::-1], dim=1)
