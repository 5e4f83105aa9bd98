# source: https://github.com/lucidrains/protein-bert-pytorch/pull/1
# error: none (correct version of the shape)
# pattern: tensor-created-without-device
# shape: class, helper
# looks-like: tensor-created-without-device
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


def prob_mask_like(t, prob):
    return torch.zeros_like(t).float().uniform_(0, 1) < prob


def mask_with_tokens(t, token_ids):
    init_no_mask = torch.full_like(t, False, dtype=torch.bool)
    for token_id in token_ids:
        init_no_mask = init_no_mask | (t == token_id)
    return init_no_mask


class MLMWrapper(nn.Module):
    def __init__(self, net, num_tokens, mask_token_id, pad_token_id=0, mask_prob=0.15, replace_prob=0.1):
        super().__init__()
        self.net = net
        self.num_tokens = num_tokens
        self.mask_token_id = mask_token_id
        self.pad_token_id = pad_token_id
        self.mask_prob = mask_prob
        self.replace_prob = replace_prob

    def forward(self, seq):
        device = seq.device
        no_mask = mask_with_tokens(seq, (self.pad_token_id, self.mask_token_id))
        mask = prob_mask_like(seq, self.mask_prob) & ~no_mask
        masked_seq = seq.clone()
        random_token_prob = prob_mask_like(seq, self.replace_prob) & mask
        random_tokens = torch.randint(0, self.num_tokens, seq.shape, device=device)
        masked_seq = torch.where(random_token_prob, random_tokens, masked_seq)
        replace = mask & ~random_token_prob
        masked_seq = masked_seq.masked_fill(replace, self.mask_token_id)
        labels = seq.masked_fill(~mask, -100)
        positions = torch.arange(seq.shape[1], device=device).expand_as(seq)
        logits = self.net(masked_seq, positions)
        return F.cross_entropy(logits.transpose(1, 2), labels, ignore_index=-100)


class TinyLM(nn.Module):
    def __init__(self, num_tokens, dim=32, max_len=256):
        super().__init__()
        self.tok = nn.Embedding(num_tokens, dim)
        self.pos = nn.Embedding(max_len, dim)
        self.out = nn.Linear(dim, num_tokens)

    def forward(self, x, positions):
        return self.out(torch.relu(self.tok(x) + self.pos(positions)))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    wrapper = MLMWrapper(TinyLM(30), num_tokens=30, mask_token_id=2).to(device)
    seq = torch.randint(3, 30, (4, 64), device=device)
    loss = wrapper(seq)
    loss.backward()
    print(loss.item())
