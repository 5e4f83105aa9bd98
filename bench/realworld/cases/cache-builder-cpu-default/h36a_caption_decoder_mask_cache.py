# source: https://github.com/pytorch/pytorch/pull/85609
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 30, 37
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class CaptionDecoder(nn.Module):
    """Transformer decoder over image-region features with a memoised causal mask."""

    def __init__(self, vocab_size, d_model=256, nhead=8, num_layers=3, max_len=64):
        super().__init__()
        self.d_model = d_model
        self.embed = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Embedding(max_len, d_model)
        layer = nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=1024,
                                           batch_first=True)
        self.decoder = nn.TransformerDecoder(layer, num_layers)
        self.out = nn.Linear(d_model, vocab_size)
        self._mask_cache = {}

    def _causal_mask(self, size):
        if size not in self._mask_cache:
            self._mask_cache[size] = nn.Transformer.generate_square_subsequent_mask(size)
        return self._mask_cache[size]

    def forward(self, tokens, memory):
        steps = tokens.size(1)
        positions = torch.arange(steps, device=tokens.device)
        x = self.embed(tokens) * math.sqrt(self.d_model) + self.pos(positions)
        h = self.decoder(x, memory, tgt_mask=self._causal_mask(steps))
        return self.out(h)

    @torch.no_grad()
    def greedy(self, memory, bos_id, eos_id, max_steps=30):
        tokens = torch.full((memory.size(0), 1), bos_id, dtype=torch.long, device=memory.device)
        for _ in range(max_steps):
            next_tok = self(tokens, memory)[:, -1].argmax(-1, keepdim=True)
            tokens = torch.cat([tokens, next_tok], dim=1)
            if (next_tok == eos_id).all():
                break
        return tokens


if __name__ == "__main__":
    device = torch.device("cuda")
    model = CaptionDecoder(vocab_size=5000).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    regions = torch.randn(16, 36, 256, device=device)
    captions = torch.randint(4, 5000, (16, 20), device=device)
    for step in range(100):
        logits = model(captions[:, :-1], regions)
        loss = nn.functional.cross_entropy(logits.reshape(-1, 5000), captions[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    print(model.greedy(regions[:2], bos_id=1, eos_id=2))
