# source: https://github.com/neuro-galaxy/torch_brain/pull/99
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 32
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class UnitVocabEmbedding(nn.Module):
    """Embedding whose vocabulary (recorded neuron ids) can grow for new sessions."""

    def __init__(self, unit_ids, dim):
        super().__init__()
        self.dim = dim
        self.vocab = {uid: i for i, uid in enumerate(unit_ids)}
        self.embedding = nn.Embedding(len(self.vocab), dim)

    def tokenize(self, unit_ids):
        return torch.tensor([self.vocab[u] for u in unit_ids], dtype=torch.long)

    def extend_vocab(self, new_unit_ids):
        new_unit_ids = [u for u in new_unit_ids if u not in self.vocab]
        if not new_unit_ids:
            return
        old_weight = self.embedding.weight.detach().clone()
        for uid in new_unit_ids:
            self.vocab[uid] = len(self.vocab)
        # reinitialise the table with room for the new units, keep the trained rows
        self.embedding = nn.Embedding(len(self.vocab), self.dim)
        with torch.no_grad():
            self.embedding.weight[: old_weight.shape[0]] = old_weight

    def forward(self, unit_index):
        return self.embedding(unit_index)


class SpikeDecoder(nn.Module):
    def __init__(self, unit_ids, dim=128, out_dim=2):
        super().__init__()
        self.unit_emb = UnitVocabEmbedding(unit_ids, dim)
        self.value_proj = nn.Linear(1, dim)
        layer = nn.TransformerEncoderLayer(dim, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.readout = nn.Linear(dim, out_dim)

    def forward(self, unit_index, spike_counts):
        tokens = self.unit_emb(unit_index) + self.value_proj(spike_counts.unsqueeze(-1))
        return self.readout(self.encoder(tokens).mean(dim=1))
