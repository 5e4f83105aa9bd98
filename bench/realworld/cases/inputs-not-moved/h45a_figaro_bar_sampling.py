# source: https://github.com/dvruette/figaro/pull/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, batch-dict, loader-loop
# bug-lines: 48, 58, 59
# needs: torch
# cpu: no written where torch was not installed; not run
"""Generate symbolic music conditioned on per-bar descriptions (instruments, chords, density)."""
import glob
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class DescriptionDataset(Dataset):
    """Each file holds a dict with description tokens, their bar ids and the first event tokens."""

    def __init__(self, root):
        self.files = sorted(glob.glob(os.path.join(root, "*.pt")))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        item = torch.load(self.files[idx])
        return {k: item[k] for k in ("description", "desc_bar_ids", "input_ids")}


class BarConditionedSeq2Seq(nn.Module):
    def __init__(self, vocab=1400, desc_vocab=600, d_model=512, max_bars=256, layers=4):
        super().__init__()
        self.desc_embed = nn.Embedding(desc_vocab, d_model)
        self.bar_embed = nn.Embedding(max_bars, d_model)
        self.tok_embed = nn.Embedding(vocab, d_model)
        self.encoder = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(d_model, 8, batch_first=True), layers)
        self.decoder = nn.TransformerDecoder(
            nn.TransformerDecoderLayer(d_model, 8, batch_first=True), layers)
        self.lm_head = nn.Linear(d_model, vocab)

    @property
    def device(self):
        return next(self.parameters()).device

    def encode(self, description, desc_bar_ids):
        h = self.desc_embed(description) + self.bar_embed(desc_bar_ids)
        return self.encoder(h)

    def decode(self, tokens, memory):
        mask = nn.Transformer.generate_square_subsequent_mask(tokens.size(1)).to(tokens.device)
        return self.lm_head(self.decoder(self.tok_embed(tokens), memory, tgt_mask=mask))

    @torch.no_grad()
    def sample(self, batch, max_length=256, temperature=1.0):
        description = batch["description"].to(self.device)
        desc_bar_ids = batch["desc_bar_ids"]
        memory = self.encode(description, desc_bar_ids)
        x = batch["input_ids"][:, :1].to(self.device)
        for _ in range(max_length):
            logits = self.decode(x, memory)[:, -1] / temperature
            nxt = torch.multinomial(logits.softmax(-1), 1)
            x = torch.cat([x, nxt], dim=1)
        return x


def generate(checkpoint, data_root, out_dir, batch_size=4):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = BarConditionedSeq2Seq()
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model.to(device).eval()
    loader = DataLoader(DescriptionDataset(data_root), batch_size=batch_size)
    os.makedirs(out_dir, exist_ok=True)
    for i, batch in enumerate(loader):
        tokens = model.sample(batch)
        torch.save(tokens.cpu(), os.path.join(out_dir, f"sample_{i:04d}.pt"))
