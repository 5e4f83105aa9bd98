# source: https://github.com/huggingface/transformers/pull/44822 https://github.com/huggingface/transformers/issues/44737
# error: none (correct look-alike)
# pattern: tensor-created-without-device
# shape: class, helper
# looks-like: tensor-created-without-device
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class TinyXLNet(nn.Module):
    def __init__(self, vocab=100, d_model=16, n_head=2, attn_type="bi", clamp_len=-1):
        super().__init__()
        self.d_model, self.n_head = d_model, n_head
        self.attn_type, self.clamp_len = attn_type, clamp_len
        self.word_embedding = nn.Embedding(vocab, d_model)
        self.r_net = nn.Linear(d_model, d_model, bias=False)
        self.q_net = nn.Linear(d_model, d_model, bias=False)
        self.out = nn.Linear(d_model, vocab)

    @property
    def device(self):
        return next(self.parameters()).device

    @staticmethod
    def positional_embedding(pos_seq, inv_freq, bsz=None):
        sinusoid_inp = torch.einsum("i,d->id", pos_seq, inv_freq)
        pos_emb = torch.cat([torch.sin(sinusoid_inp), torch.cos(sinusoid_inp)], dim=-1)
        pos_emb = pos_emb[:, None, :]
        if bsz is not None:
            pos_emb = pos_emb.expand(-1, bsz, -1)
        return pos_emb

    def relative_positional_encoding(self, qlen, klen, bsz=None):
        freq_seq = torch.arange(0, self.d_model, 2.0, dtype=torch.int64, device=self.device).float()
        inv_freq = 1 / torch.pow(10000, (freq_seq / self.d_model))
        if self.attn_type == "bi":
            beg, end = klen, -qlen
        else:
            beg, end = klen, -1
        fwd_pos_seq = torch.arange(beg, end, -1.0, dtype=torch.int64, device=self.device).float()
        if self.clamp_len > 0:
            fwd_pos_seq = fwd_pos_seq.clamp(-self.clamp_len, self.clamp_len)
        return self.positional_embedding(fwd_pos_seq, inv_freq, bsz)

    def forward(self, input_ids):
        bsz, qlen = input_ids.shape
        h = self.word_embedding(input_ids).transpose(0, 1)
        pos_emb = self.relative_positional_encoding(qlen, qlen, bsz=bsz)
        r = self.r_net(pos_emb)[:qlen]
        scores = torch.einsum("ibd,jbd->bij", self.q_net(h), r) / self.d_model ** 0.5
        ctx = torch.einsum("bij,jbd->ibd", scores.softmax(-1), h)
        return self.out(ctx).transpose(0, 1)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = TinyXLNet().to(device).eval()
    ids = torch.randint(0, 100, (2, 7)).to(device)
    with torch.no_grad():
        print(model(ids).shape)
