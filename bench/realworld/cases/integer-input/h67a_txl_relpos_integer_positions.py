# source: https://github.com/kimiyoung/transformer-xl/issues/110
# error: RuntimeError: expected m1 and m2 to have the same dtype, but got: long int != float
# pattern: integer-input
# shape: class
# bug-lines: 21, 69
# needs: torch
# cpu: raises "expected m1 and m2 to have the same dtype, but got: long int != float"
"""Transformer-XL style segment-recurrent LM with relative sinusoidal positions."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class PositionalEmbedding(nn.Module):
    def __init__(self, demb):
        super().__init__()
        inv_freq = 1 / (10000 ** (torch.arange(0.0, demb, 2.0) / demb))
        self.register_buffer("inv_freq", inv_freq)

    def forward(self, pos_seq):
        sinusoid_inp = pos_seq.unsqueeze(1) @ self.inv_freq.unsqueeze(0)
        return torch.cat([sinusoid_inp.sin(), sinusoid_inp.cos()], dim=-1)[:, None, :]


def rel_shift(x):
    qlen, klen = x.size(0), x.size(1)
    zero_pad = x.new_zeros((qlen, 1) + x.size()[2:])
    padded = torch.cat([zero_pad, x], dim=1).view((klen + 1, qlen) + x.size()[2:])
    return padded[1:].view_as(x)


class RelAttention(nn.Module):
    def __init__(self, d_model, n_head):
        super().__init__()
        self.n_head, self.d_head = n_head, d_model // n_head
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.r_net = nn.Linear(d_model, d_model, bias=False)
        self.o = nn.Linear(d_model, d_model, bias=False)
        self.r_w_bias = nn.Parameter(torch.zeros(n_head, self.d_head))
        self.r_r_bias = nn.Parameter(torch.zeros(n_head, self.d_head))

    def forward(self, h, r, mem):
        qlen, bsz, _ = h.shape
        cat = torch.cat([mem, h], 0) if mem is not None else h
        q, k, v = self.qkv(cat).chunk(3, dim=-1)
        q = q[-qlen:].view(qlen, bsz, self.n_head, self.d_head)
        k = k.view(k.size(0), bsz, self.n_head, self.d_head)
        v = v.view(v.size(0), bsz, self.n_head, self.d_head)
        r_k = self.r_net(r).view(r.size(0), self.n_head, self.d_head)
        ac = torch.einsum("ibnd,jbnd->ijbn", q + self.r_w_bias, k)
        bd = rel_shift(torch.einsum("ibnd,jnd->ijbn", q + self.r_r_bias, r_k))
        prob = F.softmax((ac + bd) / self.d_head ** 0.5, dim=1)
        out = torch.einsum("ijbn,jbnd->ibnd", prob, v).reshape(qlen, bsz, -1)
        return h + self.o(out)


class MemTransformerLM(nn.Module):
    def __init__(self, vocab, d_model=128, n_head=4, n_layer=2):
        super().__init__()
        self.word_emb = nn.Embedding(vocab, d_model)
        self.pos_emb = PositionalEmbedding(d_model)
        self.layers = nn.ModuleList(RelAttention(d_model, n_head) for _ in range(n_layer))
        self.out = nn.Linear(d_model, vocab)

    def forward(self, tokens, mems):
        h = self.word_emb(tokens)
        qlen = tokens.size(0)
        mlen = mems[0].size(0) if mems else 0
        pos_seq = torch.arange(mlen + qlen - 1, -1, -1, device=h.device)
        r = self.pos_emb(pos_seq)
        new_mems = []
        for i, layer in enumerate(self.layers):
            new_mems.append(h.detach())
            h = layer(h, r, mems[i] if mems else None)
        return self.out(h), new_mems


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MemTransformerLM(vocab=1000).to(device)
    stream = torch.randint(0, 1000, (4 * 32 + 1, 8), device=device)
    mems = None
    for s in range(0, stream.size(0) - 1, 32):
        logits, mems = model(stream[s:s + 32], mems)
        loss = F.cross_entropy(logits.view(-1, 1000), stream[s + 1:s + 33].reshape(-1))
        print(f"segment {s // 32}: loss {loss.item():.3f}")
