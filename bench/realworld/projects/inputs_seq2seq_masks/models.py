# source: https://github.com/SamLynnEvans/Transformer/issues/30 https://github.com/SamLynnEvans/Transformer/issues/27
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class Transformer(nn.Module):
    def __init__(self, src_vocab, trg_vocab, d_model, heads, n_layers, dropout=0.1):
        super().__init__()
        self.src_embed = nn.Embedding(src_vocab, d_model)
        self.trg_embed = nn.Embedding(trg_vocab, d_model)
        self.core = nn.Transformer(
            d_model, heads, n_layers, n_layers, dim_feedforward=2 * d_model, dropout=dropout, batch_first=True
        )
        self.out = nn.Linear(d_model, trg_vocab)

    def forward(self, src, trg, src_mask, trg_mask):
        # masks are True where attention is allowed
        memory_mask = ~src_mask.squeeze(1)
        causal = ~trg_mask[0]
        h = self.core(
            self.src_embed(src),
            self.trg_embed(trg),
            tgt_mask=causal,
            src_key_padding_mask=memory_mask,
            memory_key_padding_mask=memory_mask,
        )
        return self.out(h)


def get_model(opt, src_vocab, trg_vocab):
    assert opt.d_model % opt.heads == 0
    model = Transformer(src_vocab, trg_vocab, opt.d_model, opt.heads, opt.n_layers, opt.dropout)
    for p in model.parameters():
        if p.dim() > 1:
            nn.init.xavier_uniform_(p)
    if opt.device == 0:
        model = model.cuda()
    return model
