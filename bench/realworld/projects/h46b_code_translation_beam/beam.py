# source: https://github.com/microsoft/CodeXGLUE/issues/70
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 16, 18, 28
# needs: torch
# cpu: no written where torch was not installed; not run
"""Beam bookkeeping for the Java->C# translation decoder."""
import torch


class Beam:
    def __init__(self, size, sos_id, eos_id):
        self.size = size
        self.eos_id = eos_id
        self.scores = torch.cuda.FloatTensor(size).zero_()
        self.prev_ks = []
        self.next_ys = [torch.cuda.LongTensor(size).fill_(0)]
        self.next_ys[0][0] = sos_id
        self.eos_top = False
        self.finished = []

    def done(self):
        return self.eos_top and len(self.finished) >= self.size

    def current_state(self):
        """Last emitted token of every hypothesis, shaped (beam, 1)."""
        return torch.cuda.LongTensor(self.next_ys[-1]).view(-1, 1)

    def current_origin(self):
        return self.prev_ks[-1]

    def advance(self, word_logprobs):
        num_words = word_logprobs.size(1)
        if self.prev_ks:
            beam_lk = word_logprobs + self.scores.unsqueeze(1).expand_as(word_logprobs)
            for i in range(self.next_ys[-1].size(0)):
                if self.next_ys[-1][i] == self.eos_id:
                    beam_lk[i] = -1e20
        else:
            beam_lk = word_logprobs[0]
        flat = beam_lk.view(-1)
        best_scores, best_ids = flat.topk(self.size, 0, True, True)
        self.scores = best_scores
        prev_k = torch.div(best_ids, num_words, rounding_mode="floor")
        self.prev_ks.append(prev_k)
        self.next_ys.append(best_ids - prev_k * num_words)
        for i in range(self.next_ys[-1].size(0)):
            if self.next_ys[-1][i] == self.eos_id:
                self.finished.append((self.scores[i].item(), len(self.next_ys) - 1, i))
                if i == 0:
                    self.eos_top = True

    def best_tokens(self):
        if not self.finished:
            self.finished.append((self.scores[0].item(), len(self.next_ys) - 1, 0))
        self.finished.sort(key=lambda f: -f[0])
        _, timestep, k = self.finished[0]
        hyp = []
        for j in range(len(self.prev_ks[:timestep]) - 1, -1, -1):
            hyp.append(self.next_ys[j + 1][k])
            k = self.prev_ks[j][k]
        return hyp[::-1]
