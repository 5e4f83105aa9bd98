# source: https://github.com/zai-org/ChatGLM-6B/issues/534
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: class, loader-loop, batch-dict
# bug-lines: 75, 76
# needs: torch
# cpu: no written where torch was not installed; not run
"""P-tuning v2 style prefix training for a small dialogue LM (backbone frozen)."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class PrefixEncoder(nn.Module):
    def __init__(self, pre_seq_len, n_layers, hidden):
        super().__init__()
        self.embedding = nn.Embedding(pre_seq_len, n_layers * 2 * hidden)

    def forward(self, prefix_tokens):
        return self.embedding(prefix_tokens)


class Block(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.mlp = nn.Sequential(nn.Linear(hidden, 4 * hidden), nn.GELU(), nn.Linear(4 * hidden, hidden))

    def forward(self, h, past_k, past_v):
        q, k, v = self.qkv(h).chunk(3, dim=-1)
        k, v = torch.cat([past_k, k], dim=1), torch.cat([past_v, v], dim=1)
        att = torch.softmax(q @ k.transpose(1, 2) / q.shape[-1] ** 0.5, dim=-1)
        h = h + att @ v
        return h + self.mlp(h)


class PrefixDialogLM(nn.Module):
    def __init__(self, vocab=32000, hidden=512, n_layers=6, pre_seq_len=16):
        super().__init__()
        self.pre_seq_len, self.n_layers, self.hidden = pre_seq_len, n_layers, hidden
        self.embed = nn.Embedding(vocab, hidden)
        self.layers = nn.ModuleList([Block(hidden) for _ in range(n_layers)])
        self.prefix_encoder = PrefixEncoder(pre_seq_len, n_layers, hidden)
        self.lm_head = nn.Linear(hidden, vocab, bias=False)

    def get_prompt(self, batch_size, device):
        tokens = torch.arange(self.pre_seq_len, device=device).expand(batch_size, -1)
        kv = self.prefix_encoder(tokens).view(batch_size, self.pre_seq_len, 2 * self.n_layers, self.hidden)
        return kv.permute(2, 0, 1, 3)

    def forward(self, input_ids, labels):
        h = self.embed(input_ids)
        past = self.get_prompt(input_ids.shape[0], input_ids.device)
        for i, block in enumerate(self.layers):
            h = block(h, past[2 * i], past[2 * i + 1])
        logits = self.lm_head(h)[:, :-1]
        return nn.functional.cross_entropy(logits.flatten(0, 1), labels[:, 1:].flatten(), ignore_index=-100)


def train(model, dataset, device, epochs=3):
    loader = DataLoader(dataset, batch_size=8, shuffle=True)
    optimizer = torch.optim.AdamW(model.prefix_encoder.parameters(), lr=2e-2)
    for _ in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            optimizer.zero_grad()
            model(batch["input_ids"], batch["labels"]).backward()
            optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda")
    model = PrefixDialogLM()
    model.load_state_dict(torch.load("dialog_lm_base.pt", map_location="cpu"), strict=False)
    model = model.half()
    model.prefix_encoder.float()
    for name, p in model.named_parameters():
        p.requires_grad = name.startswith("prefix_encoder")
    model = model.to(device)
    train(model, [{"input_ids": t, "labels": t} for t in torch.load("persona_turns.pt")], device)
