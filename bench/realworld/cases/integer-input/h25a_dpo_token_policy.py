# source: https://github.com/kyegomez/zeta/issues/115
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: class, helper
# looks-like: integer-input
# needs: torch
# cpu: no written where torch was not installed; not run

import copy

import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyPolicyLM(nn.Module):
    def __init__(self, vocab_size=32000, dim=512, n_layers=4):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, dim)
        layer = nn.TransformerEncoderLayer(dim, nhead=8, batch_first=True, norm_first=True)
        self.body = nn.TransformerEncoder(layer, n_layers)
        self.len_proj = nn.Linear(1, dim)
        self.lm_head = nn.Linear(dim, vocab_size)

    def forward(self, input_ids):
        t = input_ids.size(1)
        lengths = (input_ids != 0).sum(dim=1, keepdim=True)
        h = self.tok(input_ids) + self.len_proj(lengths.float() / t).unsqueeze(1)
        mask = torch.triu(torch.ones(t, t, dtype=torch.bool, device=input_ids.device), diagonal=1)
        return self.lm_head(self.body(h, mask=mask))


def sequence_logprob(model, seq):
    logits = model(seq[:, :-1])
    logp = F.log_softmax(logits, dim=-1)
    token_logp = logp.gather(-1, seq[:, 1:].unsqueeze(-1)).squeeze(-1)
    return (token_logp * (seq[:, 1:] != 0)).sum(-1)


class DPO(nn.Module):
    def __init__(self, policy, beta=0.1):
        super().__init__()
        self.policy = policy
        self.ref = copy.deepcopy(policy).eval().requires_grad_(False)
        self.beta = beta

    def forward(self, preferred_seq, unpreferred_seq):
        pi_w = sequence_logprob(self.policy, preferred_seq)
        pi_l = sequence_logprob(self.policy, unpreferred_seq)
        with torch.no_grad():
            ref_w = sequence_logprob(self.ref, preferred_seq)
            ref_l = sequence_logprob(self.ref, unpreferred_seq)
        margin = self.beta * ((pi_w - ref_w) - (pi_l - ref_l))
        return -F.logsigmoid(margin).mean()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dpo = DPO(TinyPolicyLM()).to(device)
    opt = torch.optim.AdamW(dpo.policy.parameters(), lr=1e-5)
    preferred = torch.randint(1, 32000, (4, 64), device=device)
    unpreferred = torch.randint(1, 32000, (4, 64), device=device)
    loss = dpo(preferred, unpreferred)
    loss.backward()
    opt.step()
    print(loss.item())
