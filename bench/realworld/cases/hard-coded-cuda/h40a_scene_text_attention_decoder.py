# source: https://github.com/MhLiao/MaskTextSpotter/pull/63
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper, top-level
# bug-lines: 16, 52, 53, 61, 62
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Attention-GRU word recognizer on top of cropped text-instance features."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CHARSET = "_0123456789abcdefghijklmnopqrstuvwxyz~"
BOS, EOS = 0, len(CHARSET) - 1
gpu_device = torch.device("cuda")


class AttnDecoder(nn.Module):
    def __init__(self, hidden=256, feat_dim=296, n_chars=len(CHARSET)):
        super().__init__()
        self.embed = nn.Embedding(n_chars, hidden)
        self.attn = nn.Linear(hidden + feat_dim, 1)
        self.gru = nn.GRUCell(hidden + feat_dim, hidden)
        self.out = nn.Linear(hidden, n_chars)

    def forward(self, prev_char, hidden, context):
        emb = self.embed(prev_char)
        scores = self.attn(torch.cat([hidden.unsqueeze(0).expand(context.size(0), -1, -1), context], 2))
        weights = F.softmax(scores, dim=0)
        ctx = (weights * context).sum(0)
        hidden = self.gru(torch.cat([emb, ctx], 1), hidden)
        return F.log_softmax(self.out(hidden), 1), hidden


class SequencePredictor(nn.Module):
    def __init__(self, dim_in=256, max_len=25):
        super().__init__()
        self.max_len = max_len
        self.seq_encoder = nn.Sequential(nn.Conv2d(dim_in, 256, 3, padding=1), nn.ReLU(inplace=True),
                                         nn.MaxPool2d(2, stride=2, ceil_mode=True))
        self.rescale = nn.Upsample(size=(16, 64), mode="bilinear", align_corners=False)
        self.x_onehot = nn.Embedding(32, 32)
        self.x_onehot.weight.data = torch.eye(32)
        self.y_onehot = nn.Embedding(8, 8)
        self.y_onehot.weight.data = torch.eye(8)
        self.decoder = AttnDecoder()

    def forward(self, x):
        feats = self.seq_encoder(self.rescale(x))
        x_t, y_t = np.meshgrid(np.arange(32), np.arange(8))
        x_t = torch.from_numpy(x_t).long().cuda()
        y_t = torch.from_numpy(y_t).long().cuda()
        x_emb = self.x_onehot(x_t).permute(2, 0, 1).expand(feats.size(0), -1, -1, -1)
        y_emb = self.y_onehot(y_t).permute(2, 0, 1).expand(feats.size(0), -1, -1, -1)
        feats = torch.cat([feats, x_emb, y_emb], 1)
        context = feats.flatten(2).permute(2, 0, 1)
        return [self.greedy_decode(context[:, b:b + 1]) for b in range(context.size(1))]

    def greedy_decode(self, context):
        prev = torch.full((1,), BOS, dtype=torch.long, device=gpu_device)
        hidden = torch.zeros((1, 256), device=gpu_device)
        word = []
        for _ in range(self.max_len):
            log_probs, hidden = self.decoder(prev, hidden, context)
            prev = log_probs.argmax(1)
            if prev.item() == EOS:
                break
            word.append(CHARSET[prev.item()])
        return "".join(word)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    recognizer = SequencePredictor().to(device).eval()
    recognizer.load_state_dict(torch.load("seq_predictor.pth", map_location=device))
    roi_feats = torch.from_numpy(np.load("roi_mask_feats.npy")).float().to(device)
    with torch.no_grad():
        print(recognizer(roi_feats))
