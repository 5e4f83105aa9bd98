# source: https://github.com/wenet-e2e/wenet/pull/2413 https://github.com/espnet/espnet/pull/1060
# error: none: the fixed version registers the embedding as a non-persistent buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from embedding import Conv2dSubsampling4, PositionalEncoding


def make_pad_mask(lengths, max_len):
    seq_range = torch.arange(max_len, device=lengths.device)
    return seq_range.unsqueeze(0) >= lengths.unsqueeze(1)


class TransformerCTC(nn.Module):
    def __init__(self, input_dim=80, d_model=256, heads=4, layers=6, vocab_size=5000):
        super().__init__()
        self.subsample = Conv2dSubsampling4(input_dim, d_model)
        self.pos_enc = PositionalEncoding(d_model, dropout_rate=0.1)
        layer = nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=2048, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=layers)
        self.after_norm = nn.LayerNorm(d_model)
        self.ctc_lo = nn.Linear(d_model, vocab_size)

    def forward(self, feats, feat_lens):
        x, out_lens = self.subsample(feats, feat_lens)
        x, _ = self.pos_enc(x)
        pad_mask = make_pad_mask(out_lens, x.size(1))
        x = self.encoder(x, src_key_padding_mask=pad_mask)
        logits = self.ctc_lo(self.after_norm(x))
        return logits.log_softmax(dim=-1), out_lens

    @torch.no_grad()
    def greedy_decode(self, feats, feat_lens, blank=0):
        log_probs, out_lens = self(feats, feat_lens)
        best = log_probs.argmax(dim=-1)
        hyps = []
        for seq, n in zip(best.tolist(), out_lens.tolist()):
            tokens, prev = [], blank
            for tok in seq[:n]:
                if tok != prev and tok != blank:
                    tokens.append(tok)
                prev = tok
            hyps.append(tokens)
        return hyps
