# The mask is cast to the encoder's dtype before pooling, so the clamped counts and
# the pooled embedding stay bfloat16, the head's dtype.
import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer


class Scorer(nn.Module):
    def __init__(self, name):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(name, torch_dtype=torch.bfloat16)
        self.head = nn.Linear(self.encoder.config.hidden_size, 1).to(torch.bfloat16)

    def pool(self, hidden, mask):
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        summed = (hidden * weights).sum(dim=1)
        counts = torch.clamp(weights.sum(dim=1), min=1e-9)
        return summed / counts

    def forward(self, ids, mask):
        pooled = self.pool(self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state, mask)
        return self.head(pooled).squeeze(-1)


def score(texts, device):
    tok = AutoTokenizer.from_pretrained("BAAI/bge-small-en-v1.5")
    model = Scorer("BAAI/bge-small-en-v1.5").to(device)
    enc = tok(texts, padding=True, return_tensors="pt")
    return model(enc["input_ids"].to(device), enc["attention_mask"].to(device))
