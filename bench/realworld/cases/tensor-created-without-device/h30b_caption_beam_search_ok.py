# source: https://github.com/kaylode/caption-transformer/issues/3
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: helper, class
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class CaptionDecoder(nn.Module):
    def __init__(self, vocab_size=10000, dim=256, feat_dim=2048):
        super().__init__()
        self.proj = nn.Linear(feat_dim, dim)
        self.emb = nn.Embedding(vocab_size, dim)
        layer = nn.TransformerDecoderLayer(dim, nhead=8, batch_first=True)
        self.decoder = nn.TransformerDecoder(layer, num_layers=3)
        self.out = nn.Linear(dim, vocab_size)

    def step(self, tokens, memory):
        mask = nn.Transformer.generate_square_subsequent_mask(tokens.size(1), device=tokens.device)
        h = self.decoder(self.emb(tokens), memory, tgt_mask=mask)
        return F.log_softmax(self.out(h[:, -1]), dim=-1)


def k_best_outputs(outputs, log_probs, beam_scores, k):
    # outputs: (k, t) running sequences; log_probs: (k, V)
    scores = (beam_scores.unsqueeze(1) + log_probs).view(-1)
    top_scores, flat_idx = scores.topk(k)
    rows = torch.div(flat_idx, log_probs.size(1), rounding_mode="floor")
    cols = flat_idx % log_probs.size(1)
    outputs = torch.cat([outputs[rows], cols.unsqueeze(1)], dim=1)
    return outputs, top_scores


@torch.no_grad()
def beam_search(model, features, bos_id=1, eos_id=2, k=3, max_len=30):
    device = features.device
    memory = model.proj(features).unsqueeze(0).expand(k, -1, -1)
    outputs = torch.full((k, 1), bos_id, dtype=torch.long, device=device)
    beam_scores = torch.zeros(k, device=device)
    beam_scores[1:] = float("-inf")
    for _ in range(max_len):
        log_probs = model.step(outputs, memory)
        outputs, beam_scores = k_best_outputs(outputs, log_probs, beam_scores, k)
        if (outputs[:, -1] == eos_id).all():
            break
    best = beam_scores.argmax()
    return outputs[best].tolist()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CaptionDecoder()
    model.load_state_dict(torch.load("weights/caption_decoder.pt", map_location="cpu"))
    model.to(device).eval()
    feats = torch.load("features/val_000042.pt", map_location="cpu").to(device)
    print(beam_search(model, feats))
