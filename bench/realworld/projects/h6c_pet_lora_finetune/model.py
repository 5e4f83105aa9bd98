# source: https://github.com/metatensor/metatrain/pull/672
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""A small point-edge transformer for per-structure energies."""
import torch
import torch.nn as nn


class TransformerLayer(nn.Module):
    def __init__(self, d_model: int, n_heads: int, d_ff: int):
        super().__init__()
        self.attention = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.norm_att = nn.LayerNorm(d_model)
        self.norm_mlp = nn.LayerNorm(d_model)
        self.input_linear = nn.Linear(d_model, d_ff)
        self.output_linear = nn.Linear(d_ff, d_model)

    def forward(self, tokens, padding_mask):
        att, _ = self.attention(tokens, tokens, tokens, key_padding_mask=padding_mask)
        tokens = self.norm_att(tokens + att)
        mlp = self.output_linear(torch.nn.functional.silu(self.input_linear(tokens)))
        return self.norm_mlp(tokens + mlp)


class PET(nn.Module):
    def __init__(self, hypers: dict, atomic_types):
        super().__init__()
        d = hypers["d_pet"]
        self.species_index = {z: i for i, z in enumerate(atomic_types)}
        self.embedding = nn.Embedding(len(atomic_types) + 1, d)
        self.edge_encoder = nn.Linear(4, d)
        self.layers = nn.ModuleList(
            TransformerLayer(d, hypers["num_heads"], hypers["d_feedforward"])
            for _ in range(hypers["num_gnn_layers"])
        )
        self.last_layers = nn.Sequential(nn.Linear(d, d), nn.SiLU())
        self.heads = nn.ModuleDict({"energy": nn.Linear(d, 1)})

    def forward(self, species, edge_vectors, padding_mask):
        # species: (n_atoms,), edge_vectors: (n_atoms, max_neighbors, 3)
        lengths = edge_vectors.norm(dim=-1, keepdim=True)
        tokens = self.edge_encoder(torch.cat([edge_vectors, lengths], dim=-1))
        tokens = tokens + self.embedding(species).unsqueeze(1)
        for layer in self.layers:
            tokens = layer(tokens, padding_mask)
        atomic = self.last_layers(tokens.mean(dim=1))
        return self.heads["energy"](atomic).sum()
