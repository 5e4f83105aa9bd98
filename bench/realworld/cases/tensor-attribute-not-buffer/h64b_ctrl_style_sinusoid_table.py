# source: https://github.com/huggingface/transformers/pull/19681
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: class, helper, loader-loop
# bug-lines: 30, 40
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def angle_defn(pos, i, d_model):
    return pos / np.power(10000, (2 * (i // 2)) / d_model)


def positional_encoding(position, d_model, dtype=torch.float32):
    angles = angle_defn(np.arange(position)[:, None], np.arange(d_model)[None, :], d_model)
    table = np.concatenate([np.sin(angles[:, 0::2]), np.cos(angles[:, 1::2])], axis=-1)
    return torch.tensor(table, dtype=dtype)


class ControlCodeLM(nn.Module):
    def __init__(self, vocab_size=16000, d_model=512, n_layer=4, n_head=8, n_positions=256):
        super().__init__()
        self.d_model = d_model
        self.w = nn.Embedding(vocab_size, d_model)
        self.pos_encoding = positional_encoding(n_positions, d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_head, 4 * d_model, batch_first=True, norm_first=True)
        self.h = nn.TransformerEncoder(layer, n_layer)
        self.lm_head = nn.Linear(d_model, vocab_size)

    def forward(self, input_ids, position_ids=None):
        seq_len = input_ids.size(1)
        if position_ids is None:
            position_ids = torch.arange(seq_len, device=input_ids.device).unsqueeze(0)
        inputs_embeds = self.w(input_ids) * np.sqrt(self.d_model)
        pos_embeds = self.pos_encoding[position_ids, :]
        hidden = inputs_embeds + pos_embeds
        causal = nn.Transformer.generate_square_subsequent_mask(seq_len, device=input_ids.device)
        return self.lm_head(self.h(hidden, mask=causal, is_causal=True))


def fit(model, loader, device, steps=100):
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    model.train()
    for step, (ids,) in zip(range(steps), loader):
        ids = ids.to(device)
        logits = model(ids[:, :-1])
        loss = F.cross_entropy(logits.flatten(0, 1), ids[:, 1:].flatten())
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 20 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    device = torch.device("cuda")
    model = ControlCodeLM().to(device)
    corpus = torch.randint(0, 16000, (1024, 65))
    fit(model, DataLoader(TensorDataset(corpus), batch_size=32, shuffle=True), device)
