# source: https://github.com/ruotianluo/ImageCaptioning.pytorch/issues/42
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
"""Show-and-Tell caption model over precomputed fc features (greedy sampling for evaluation)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ShowTellModel(nn.Module):
    def __init__(self, vocab_size, fc_feat_size=2048, rnn_size=512, seq_length=16):
        super().__init__()
        self.vocab_size, self.seq_length = vocab_size, seq_length
        self.img_embed = nn.Linear(fc_feat_size, rnn_size)
        self.embed = nn.Embedding(vocab_size + 1, rnn_size)
        self.core = nn.LSTMCell(rnn_size, rnn_size)
        self.logit = nn.Linear(rnn_size, vocab_size + 1)

    def init_hidden(self, batch_size):
        weight = self.logit.weight
        return weight.new_zeros(batch_size, self.core.hidden_size), weight.new_zeros(batch_size, self.core.hidden_size)

    @torch.no_grad()
    def sample(self, fc_feats):
        batch_size = fc_feats.size(0)
        state = self.core(self.img_embed(fc_feats), self.init_hidden(batch_size))
        it = fc_feats.new_zeros(batch_size, dtype=torch.long)
        seq = fc_feats.new_zeros(batch_size, self.seq_length, dtype=torch.long)
        logprobs = fc_feats.new_zeros(batch_size, self.seq_length)
        for t in range(self.seq_length):
            state = self.core(self.embed(it), state)
            step_logprobs = F.log_softmax(self.logit(state[0]), dim=1)
            lp, it = step_logprobs.max(dim=1)
            seq[:, t], logprobs[:, t] = it, lp
            if (it == 0).all():
                break
        return seq, logprobs
