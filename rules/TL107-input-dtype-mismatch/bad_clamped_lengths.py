# Mean pooling over a bfloat16 encoder: the token counts are clamped with a float
# bound, which makes them float32, so the pooled embedding is float32 and the
# bfloat16 head refuses it.
import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer


class Scorer(nn.Module):
    def __init__(self, name):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(name, torch_dtype=torch.bfloat16)
        self.head = nn.Linear(self.encoder.config.hidden_size, 1).to(torch.bfloat16)

    def pool(self, hidden, mask):
        summed = (hidden * mask.unsqueeze(-1)).sum(dim=1)
        counts = torch.clamp(mask.sum(dim=1, keepdim=True), min=1e-9)  # expect: TL107:18 lines=22,13
        return summed / counts

    def forward(self, ids, mask):
        pooled = self.pool(self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state, mask)
        return self.head(pooled).squeeze(-1)


def score(texts, device):
    tok = AutoTokenizer.from_pretrained("BAAI/bge-small-en-v1.5")
    model = Scorer("BAAI/bge-small-en-v1.5").to(device)
    enc = tok(texts, padding=True, return_tensors="pt")
    return model(enc["input_ids"].to(device), enc["attention_mask"].to(device))
