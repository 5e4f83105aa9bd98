# source: https://github.com/ruotianluo/Image_Captioning_AI_Challenger/issues/16
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: legacy-tensor-constructor
# shape: class, loader-loop
# bug-lines: 33, 35
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class FCCaptioner(nn.Module):
    def __init__(self, vocab_size, feat_dim=2048, embed_dim=512, hidden=512):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.init_h = nn.Linear(feat_dim, hidden)
        self.lstm = nn.LSTMCell(embed_dim + feat_dim, hidden)
        self.logit = nn.Linear(hidden, vocab_size)

    def step(self, tokens, feats, state):
        h, c = self.lstm(torch.cat([self.embed(tokens), feats], dim=1), state)
        return F.log_softmax(self.logit(h), dim=-1), (h, c)

    @torch.no_grad()
    def beam_search(self, fc_feat, beam_size=3, max_len=16, bos=1, eos=2):
        feats = fc_feat.unsqueeze(0).expand(beam_size, -1)
        h = torch.tanh(self.init_h(feats))
        state = (h, torch.zeros_like(h))
        tokens = torch.full((beam_size,), bos, dtype=torch.long, device=fc_feat.device)
        beam_logprobs_sum = torch.FloatTensor(beam_size).zero_()
        beam_logprobs_sum[1:] = -1e9
        seqs = torch.LongTensor(beam_size, 0)
        finished = []
        for _ in range(max_len):
            logprobs, state = self.step(tokens, feats, state)
            candidate = beam_logprobs_sum.unsqueeze(1) + logprobs
            top_scores, top_idx = candidate.view(-1).topk(beam_size)
            beam_idx = top_idx // logprobs.size(1)
            tokens = top_idx % logprobs.size(1)
            seqs = torch.cat([seqs[beam_idx], tokens.unsqueeze(1)], dim=1)
            state = (state[0][beam_idx], state[1][beam_idx])
            beam_logprobs_sum = top_scores.clone()
            for b in (tokens == eos).nonzero().flatten().tolist():
                finished.append((beam_logprobs_sum[b].item(), seqs[b].tolist()))
                beam_logprobs_sum[b] = -1e9
            if len(finished) >= beam_size:
                break
        if not finished:
            finished = [(beam_logprobs_sum[0].item(), seqs[0].tolist())]
        return max(finished, key=lambda x: x[0] / len(x[1]))[1]


def eval_split(model, fc_feats, image_ids, vocab, beam_size=3):
    model.eval()
    loader = DataLoader(TensorDataset(fc_feats, image_ids), batch_size=1)
    predictions = []
    for feat, image_id in loader:
        seq = model.beam_search(feat[0].cuda(), beam_size=beam_size)
        words = [vocab[i] for i in seq if i not in (1, 2)]
        predictions.append({"image_id": int(image_id), "caption": "".join(words)})
    return predictions


if __name__ == "__main__":
    vocab = ["<pad>", "<bos>", "<eos>"] + [chr(0x4E00 + i) for i in range(5000)]
    model = FCCaptioner(len(vocab)).cuda()
    model.load_state_dict(torch.load("log_fc/model-best.pth", map_location="cuda"))
    feats = torch.load("data/val_fc.pt", map_location="cpu")
    print(eval_split(model, feats, torch.arange(feats.shape[0]), vocab)[:5])
