# A pooling part that sums in float32 and gives its result back in the dtype it was
# given: the half projection after it gets float16.
import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer


class MaskedMeanPool(nn.Module):
    def forward(self, hidden, mask):
        total = (hidden.float() * mask.unsqueeze(-1)).sum(1)
        return (total / mask.sum(1, keepdim=True)).to(hidden.dtype)


class SentenceEncoder(nn.Module):
    def __init__(self, name):
        super().__init__()
        self.backbone = AutoModel.from_pretrained(name)
        self.pool = MaskedMeanPool()
        self.proj = nn.Linear(self.backbone.config.hidden_size, 256)

    def forward(self, input_ids, attention_mask):
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask)
        pooled = self.pool(hidden.last_hidden_state, attention_mask)
        return self.proj(pooled)


tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
model = SentenceEncoder("bert-base-uncased").cuda().half()
batch = tokenizer(["where is the station"], return_tensors="pt").to("cuda")
vectors = model(batch["input_ids"], batch["attention_mask"])
