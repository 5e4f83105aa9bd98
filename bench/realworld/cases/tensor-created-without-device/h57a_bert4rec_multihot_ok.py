# source: https://github.com/RUCAIBox/RecBole/issues/656 https://github.com/RUCAIBox/RecBole/pull/556
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #2 'mat2' in call to _th_bmm_out
# pattern: tensor-created-without-device
# shape: class, loader-loop, batch-dict
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Cloze-style (BERT4Rec-like) sequential recommender; masked positions are gathered with a multi-hot map."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ClozeRecommender(nn.Module):
    def __init__(self, n_items, max_len=50, dim=64, n_layers=2, n_heads=2):
        super().__init__()
        self.mask_token = n_items + 1
        self.item_emb = nn.Embedding(n_items + 2, dim, padding_idx=0)
        self.pos_emb = nn.Embedding(max_len, dim)
        layer = nn.TransformerEncoderLayer(dim, n_heads, 4 * dim, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.max_len = max_len

    def encode(self, seq):
        positions = torch.arange(seq.size(1), device=seq.device).unsqueeze(0)
        h = self.item_emb(seq) + self.pos_emb(positions)
        return self.encoder(h, src_key_padding_mask=(seq == 0))

    @staticmethod
    def multi_hot(masked_index, max_len):
        # [B, n_mask] -> [B, n_mask, max_len], built where the indices live
        flat = masked_index.view(-1)
        hot = torch.zeros(flat.size(0), max_len, device=masked_index.device)
        hot[torch.arange(flat.size(0), device=masked_index.device), flat] = 1.0
        return hot.view(masked_index.size(0), masked_index.size(1), max_len)

    def calculate_loss(self, batch):
        seq_out = self.encode(batch["masked_seq"])                        # [B, L, H]
        pick = self.multi_hot(batch["masked_index"], seq_out.size(1))      # [B, M, L]
        picked = torch.bmm(pick, seq_out)                                   # [B, M, H]
        logits = picked @ self.item_emb.weight.t()                          # [B, M, V]
        targets = batch["pos_items"]
        valid = targets > 0
        return F.cross_entropy(logits[valid], targets[valid])


def mask_sequences(seq, mask_token, n_mask=5, p=0.2):
    seq = seq.clone()
    scores = torch.rand(seq.shape, device=seq.device).masked_fill(seq == 0, 2.0)
    masked_index = scores.topk(n_mask, dim=1, largest=False).indices
    pos_items = seq.gather(1, masked_index)
    pos_items = pos_items.masked_fill(scores.gather(1, masked_index) > p, 0)
    seq.scatter_(1, masked_index, mask_token)
    return {"masked_seq": seq, "masked_index": masked_index, "pos_items": pos_items}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n_items = 3000
    model = ClozeRecommender(n_items).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sequences = torch.randint(1, n_items + 1, (4096, 50))
    for epoch in range(3):
        for seq in sequences.split(256):
            batch = mask_sequences(seq.to(device), model.mask_token)
            loss = model.calculate_loss(batch)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())
