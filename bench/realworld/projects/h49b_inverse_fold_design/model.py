# source: https://github.com/facebookresearch/esm/issues/374
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 40, 45
# needs: torch
# cpu: no written where torch was not installed; not run
"""Structure-conditioned sequence decoder (inverse folding)."""
import torch
import torch.nn as nn

from featurize import AA, BOS, CoordBatcher


class InverseFolder(nn.Module):
    def __init__(self, dim=256, heads=8, layers=4, vocab=23):
        super().__init__()
        self.coord_proj = nn.Linear(9, dim)
        enc = nn.TransformerEncoderLayer(dim, heads, 4 * dim, batch_first=True)
        self.encoder = nn.TransformerEncoder(enc, layers)
        self.tok_embed = nn.Embedding(vocab, dim)
        dec = nn.TransformerDecoderLayer(dim, heads, 4 * dim, batch_first=True)
        self.decoder = nn.TransformerDecoder(dec, layers)
        self.out = nn.Linear(dim, len(AA))

    def encode(self, coords, padding_mask):
        return self.encoder(self.coord_proj(coords.flatten(2)), src_key_padding_mask=padding_mask)

    def decode(self, prev_tokens, memory, padding_mask):
        L = prev_tokens.shape[1]
        causal = torch.triu(torch.ones(L, L, dtype=torch.bool, device=memory.device), 1)
        h = self.decoder(self.tok_embed(prev_tokens), memory, tgt_mask=causal,
                         memory_key_padding_mask=padding_mask)
        return self.out(h)

    @torch.no_grad()
    def sample(self, coords, partial_seq=None, temperature=1.0):
        batcher = CoordBatcher()
        batch_coords, tokens, padding_mask = batcher([(coords, partial_seq)])
        memory = self.encode(batch_coords, padding_mask)
        L = batch_coords.shape[1]
        sampled = tokens.clone()
        sampled[0, 0] = BOS
        for i in range(1, L + 1):
            logits = self.decode(sampled[:, :i], memory, padding_mask)[:, -1]
            if tokens[0, i] < len(AA):
                continue
            probs = torch.softmax(logits / temperature, dim=-1)
            sampled[0, i] = torch.multinomial(probs, 1).item()
        return "".join(AA[t] for t in sampled[0, 1:].tolist())
