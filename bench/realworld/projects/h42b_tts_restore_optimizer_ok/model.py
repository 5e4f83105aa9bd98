# source: https://github.com/mozilla/TTS/issues/115
# error: RuntimeError: expected type torch.FloatTensor but got torch.cuda.FloatTensor
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class MiniTacotron(nn.Module):
    def __init__(self, num_chars=61, emb_dim=256, hidden=256, n_mels=80, r=2):
        super().__init__()
        self.r, self.n_mels = r, n_mels
        self.embedding = nn.Embedding(num_chars, emb_dim)
        self.encoder = nn.LSTM(emb_dim, hidden // 2, batch_first=True, bidirectional=True)
        self.prenet = nn.Sequential(nn.Linear(n_mels, 128), nn.ReLU(), nn.Dropout(0.5))
        self.attn_rnn = nn.GRUCell(128 + hidden, hidden)
        self.proj = nn.Linear(2 * hidden, n_mels * r)

    def forward(self, chars, mels):
        memory, _ = self.encoder(self.embedding(chars))
        b, t_dec = mels.size(0), mels.size(1) // self.r
        h = memory.new_zeros(b, self.attn_rnn.hidden_size)
        ctx = memory.mean(dim=1)
        prev = mels.new_zeros(b, self.n_mels)
        outs = []
        for t in range(t_dec):
            h = self.attn_rnn(torch.cat([self.prenet(prev), ctx], dim=-1), h)
            align = torch.softmax((memory @ h.unsqueeze(-1)).squeeze(-1), dim=-1)
            ctx = (align.unsqueeze(-1) * memory).sum(dim=1)
            frame = self.proj(torch.cat([h, ctx], dim=-1)).view(b, self.r, self.n_mels)
            outs.append(frame)
            prev = mels[:, (t + 1) * self.r - 1]
        return torch.cat(outs, dim=1)


def save_checkpoint(model, optimizer, step, path):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step}, path)
