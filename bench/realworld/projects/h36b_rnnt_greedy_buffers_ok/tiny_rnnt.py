# source: https://github.com/NVIDIA-NeMo/Speech/issues/8436
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from greedy_decoding import GreedyBatchedRNNTDecoder


class Predictor(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.embed = nn.Embedding(vocab_size + 1, dim)
        self.rnn = nn.LSTM(dim, dim, batch_first=True)

    def forward(self, tokens, state=None):
        return self.rnn(self.embed(tokens), state)


class Joint(nn.Module):
    def __init__(self, enc_dim, pred_dim, vocab_size, hidden=320):
        super().__init__()
        self.enc_proj = nn.Linear(enc_dim, hidden)
        self.pred_proj = nn.Linear(pred_dim, hidden)
        self.out = nn.Linear(hidden, vocab_size + 1)

    def forward(self, enc, pred):
        return self.out(torch.tanh(self.enc_proj(enc) + self.pred_proj(pred)))


class TinyRNNT(nn.Module):
    def __init__(self, n_mels=80, vocab_size=128, dim=256):
        super().__init__()
        self.subsample = nn.Conv1d(n_mels, dim, kernel_size=3, stride=2, padding=1)
        self.encoder = nn.LSTM(dim, dim, num_layers=2, batch_first=True)
        self.predictor = Predictor(vocab_size, dim)
        self.joint = Joint(dim, dim, vocab_size)
        self.decoding = GreedyBatchedRNNTDecoder(blank_id=vocab_size)

    def encode(self, feats, feat_lens):
        x = self.subsample(feats.transpose(1, 2)).transpose(1, 2)
        enc, _ = self.encoder(x)
        return enc, (feat_lens + 1) // 2

    def transcribe(self, feats, feat_lens):
        enc, enc_lens = self.encode(feats, feat_lens)
        return self.decoding(enc, enc_lens, self.predictor, self.joint)
