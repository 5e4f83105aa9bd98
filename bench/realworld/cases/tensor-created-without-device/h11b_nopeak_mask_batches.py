# source: https://github.com/SamLynnEvans/Transformer/issues/17
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop, batch-dict
# bug-lines: 20, 26
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Teacher-forced training loop for a seq2seq translation Transformer."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SRC_PAD, TRG_PAD = 1, 1


def subsequent_mask(size):
    """(1, size, size) boolean mask, True where position j <= i may be attended."""
    allowed = np.tril(np.ones((size, size), dtype=bool))[None]
    return torch.from_numpy(allowed)


def make_masks(src, trg_input):
    src_mask = (src != SRC_PAD).unsqueeze(-2)
    trg_pad_mask = (trg_input != TRG_PAD).unsqueeze(-2)
    trg_mask = trg_pad_mask & subsequent_mask(trg_input.size(1))
    return src_mask, trg_mask


class Seq2SeqTransformer(nn.Module):
    def __init__(self, src_vocab, trg_vocab, d_model=512, heads=8, n_layers=6):
        super().__init__()
        self.heads = heads
        self.src_embed = nn.Embedding(src_vocab, d_model)
        self.trg_embed = nn.Embedding(trg_vocab, d_model)
        self.core = nn.Transformer(d_model, heads, n_layers, n_layers, batch_first=True)
        self.out = nn.Linear(d_model, trg_vocab)

    def forward(self, src, trg, src_mask, trg_mask):
        # nn.Transformer wants True where attention is *blocked*
        trg_attn = (~trg_mask).repeat_interleave(self.heads, dim=0)
        out = self.core(self.src_embed(src), self.trg_embed(trg), tgt_mask=trg_attn,
                        src_key_padding_mask=~src_mask.squeeze(1),
                        memory_key_padding_mask=~src_mask.squeeze(1))
        return self.out(out)


def train_epoch(model, batches, optimizer, device):
    model.train()
    total_loss = 0.0
    for i, batch in enumerate(batches):
        src = batch["src"].transpose(0, 1).to(device)
        trg = batch["trg"].transpose(0, 1).to(device)
        trg_input = trg[:, :-1]
        src_mask, trg_mask = make_masks(src, trg_input)
        preds = model(src, trg_input, src_mask, trg_mask)
        ys = trg[:, 1:].contiguous().view(-1)
        loss = F.cross_entropy(preds.view(-1, preds.size(-1)), ys, ignore_index=TRG_PAD)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
        if (i + 1) % 100 == 0:
            print(f"iter {i + 1}: loss {total_loss / 100:.3f}")
            total_loss = 0.0


if __name__ == "__main__":
    device = torch.device("cuda")
    model = Seq2SeqTransformer(src_vocab=8000, trg_vocab=8000).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, betas=(0.9, 0.98), eps=1e-9)
    # torchtext-style iterator output: (seq_len, batch) LongTensors
    batches = [{"src": torch.randint(2, 8000, (30, 32)), "trg": torch.randint(2, 8000, (28, 32))}
               for _ in range(500)]
    train_epoch(model, batches, optimizer, device)
