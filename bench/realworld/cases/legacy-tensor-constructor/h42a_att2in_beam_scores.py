# source: https://github.com/ruotianluo/ImageCaptioning.pytorch/issues/55
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 16, 46
# needs: torch
# cpu: no written where torch was not installed; not run
"""Attention LSTM caption decoder with beam search used by eval_split on COCO val images."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def beam_step(logprobs, beam_scores, beam_size, first_step):
    # logprobs: (beam, vocab) for the current step, beam_scores: (beam,)
    candidates = beam_scores.unsqueeze(1) + logprobs
    if first_step:
        candidates = candidates[:1]
    flat = candidates.view(-1)
    top_scores, top_idx = flat.topk(beam_size)
    vocab = logprobs.size(1)
    return top_scores, top_idx // vocab, top_idx % vocab


class Att2inCaptioner(nn.Module):
    def __init__(self, vocab_size, feat_dim=2048, hidden=512, seq_length=16, bos=0, eos=0):
        super().__init__()
        self.embed = nn.Embedding(vocab_size + 1, hidden)
        self.att_proj = nn.Linear(feat_dim, hidden)
        self.cell = nn.LSTMCell(hidden * 2, hidden)
        self.logit = nn.Linear(hidden, vocab_size + 1)
        self.seq_length, self.bos, self.eos = seq_length, bos, eos

    def step(self, word, att, state):
        h, c = state
        ctx = (F.softmax(torch.bmm(att, h.unsqueeze(2)), dim=1) * att).sum(1)
        h, c = self.cell(torch.cat([self.embed(word), ctx], dim=1), (h, c))
        return F.log_softmax(self.logit(h), dim=1), (h, c)

    @torch.no_grad()
    def sample_beam(self, att_feats, beam_size=3):
        att = self.att_proj(att_feats).expand(beam_size, -1, -1)
        hidden = att.new_zeros(beam_size, att.size(-1))
        state = (hidden, hidden.clone())
        words = att.new_full((beam_size,), self.bos, dtype=torch.long)
        beam_scores = torch.FloatTensor(beam_size).zero_()
        history = []
        for t in range(self.seq_length):
            logprobs, state = self.step(words, att, state)
            beam_scores, prev, words = beam_step(logprobs, beam_scores, beam_size, t == 0)
            state = tuple(s[prev] for s in state)
            history = [[seq[i] for i in prev.tolist()] for seq in history]
            history.append(words.tolist())
            if (words == self.eos).all():
                break
        best = beam_scores.argmax().item()
        return [step_words[best] for step_words in history]


def caption_split(model, loader, vocab, device):
    model.eval()
    results = []
    for batch in loader:
        for image_id, feats in zip(batch["image_ids"], batch["att_feats"]):
            tokens = model.sample_beam(feats.unsqueeze(0).to(device), beam_size=3)
            words = [vocab[t] for t in tokens if t != model.eos]
            results.append({"image_id": image_id, "caption": " ".join(words)})
    return results
