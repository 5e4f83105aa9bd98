# source: https://github.com/lucidrains/protein-bert-pytorch/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 52, 54, 55
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


def get_mask_subset_with_prob(mask, prob):
    batch, seq_len, device = *mask.shape, mask.device
    max_masked = max(1, int(prob * seq_len))
    scores = torch.rand((batch, seq_len), device=device).masked_fill(~mask, -1.0)
    top = scores.topk(max_masked, dim=-1).indices
    new_mask = torch.zeros((batch, seq_len), device=device)
    new_mask.scatter_(-1, top, 1.0)
    return new_mask.bool() & mask


class TinyProteinBert(nn.Module):
    def __init__(self, num_tokens=26, num_annotation=64, dim=32):
        super().__init__()
        self.num_tokens = num_tokens
        self.token_emb = nn.Embedding(num_tokens, dim)
        self.annot_proj = nn.Linear(num_annotation, dim)
        self.to_logits = nn.Linear(dim, num_tokens)
        self.to_annotation = nn.Linear(dim, num_annotation)

    def forward(self, seq, annotation, mask=None):
        h = self.token_emb(seq) + self.annot_proj(annotation).unsqueeze(1)
        return self.to_logits(h), self.to_annotation(h.mean(dim=1))


class PretrainingWrapper(nn.Module):
    def __init__(self, model, random_replace_token_prob=0.05, exclude_token_ids=(0, 1, 2)):
        super().__init__()
        self.model = model
        self.random_replace_token_prob = random_replace_token_prob
        self.exclude_token_ids = exclude_token_ids

    def forward(self, seq, annotation, mask=None):
        if mask is None:
            mask = torch.ones_like(seq).bool()
        excluded_tokens_mask = mask
        for token_id in self.exclude_token_ids:
            excluded_tokens_mask = excluded_tokens_mask & (seq != token_id)
        replace_mask = get_mask_subset_with_prob(excluded_tokens_mask, self.random_replace_token_prob)

        random_tokens = torch.randint(0, self.model.num_tokens, seq.shape)
        for token_id in self.exclude_token_ids:
            replace_mask = replace_mask & (random_tokens != token_id)
        noised_seq = torch.where(replace_mask, random_tokens, seq)

        seq_logits, annotation_logits = self.model(noised_seq, annotation, mask=mask)
        seq_loss = F.cross_entropy(seq_logits[mask], seq[mask], reduction="sum")
        annotation_loss = F.binary_cross_entropy_with_logits(annotation_logits, annotation, reduction="sum")
        return seq_loss + annotation_loss


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    learner = PretrainingWrapper(TinyProteinBert()).to(device)
    seq = torch.randint(0, 26, (2, 128)).to(device)
    annotation = torch.randint(0, 2, (2, 64)).float().to(device)
    loss = learner(seq, annotation)
    loss.backward()
    print(loss.item())
