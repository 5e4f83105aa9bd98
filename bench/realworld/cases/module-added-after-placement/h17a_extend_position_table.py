# source: https://github.com/huggingface/transformers/pull/38570
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-added-after-placement
# shape: class
# bug-lines: 31, 60
# needs: torch
# cpu: no written where torch was not installed; not run
"""Continue pretraining a small text encoder on longer documents."""
import math

import torch
import torch.nn as nn


class SinusoidalPositions(nn.Module):
    def __init__(self, num_positions, dim):
        super().__init__()
        self.dim = dim
        self.table = nn.Embedding(num_positions, dim)
        self._fill(self.table)

    def _fill(self, emb):
        pos = torch.arange(emb.num_embeddings).unsqueeze(1)
        div = torch.exp(torch.arange(0, self.dim, 2) * (-math.log(10000.0) / self.dim))
        with torch.no_grad():
            emb.weight[:, 0::2] = torch.sin(pos * div)
            emb.weight[:, 1::2] = torch.cos(pos * div)
        emb.weight.requires_grad_(False)

    def resize(self, num_positions):
        self.table = nn.Embedding(num_positions, self.dim)
        self._fill(self.table)

    def forward(self, position_ids):
        return self.table(position_ids)


class TextEncoder(nn.Module):
    def __init__(self, vocab_size=30000, dim=256, max_positions=512):
        super().__init__()
        self.tokens = nn.Embedding(vocab_size, dim)
        self.positions = SinusoidalPositions(max_positions, dim)
        layer = nn.TransformerEncoderLayer(dim, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=4)
        self.lm_head = nn.Linear(dim, vocab_size)

    def extend_context(self, new_max):
        self.positions.resize(new_max)

    def forward(self, input_ids):
        pos = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        h = self.tokens(input_ids) + self.positions(pos)
        return self.lm_head(self.encoder(h))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TextEncoder().to(device)
    model.load_state_dict(torch.load("encoder_512.pt", map_location=device))
    model.extend_context(2048)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    for step in range(100):
        ids = torch.randint(0, 30000, (4, 2048), device=device)
        logits = model(ids)
        loss = nn.functional.cross_entropy(logits[:, :-1].reshape(-1, 30000), ids[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
