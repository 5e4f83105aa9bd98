# source: https://github.com/huggingface/sentence-transformers/issues/1803
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: class, loader-loop
# bug-lines: 20, 35
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer

BACKBONE = "sentence-transformers/all-MiniLM-L6-v2"


class MeanPooling(nn.Module):
    def forward(self, token_embeddings, attention_mask):
        # accumulate in fp32 so long passages do not overflow the fp16 sum
        summed = (token_embeddings.float() * attention_mask.unsqueeze(-1).float()).sum(1)
        counts = attention_mask.sum(1, keepdim=True).clamp(min=1)
        return summed / counts


class DenseEmbedder(nn.Module):
    def __init__(self, name, out_dim=256):
        super().__init__()
        self.backbone = AutoModel.from_pretrained(name)
        self.pool = MeanPooling()
        self.dense = nn.Linear(self.backbone.config.hidden_size, out_dim)

    def forward(self, input_ids, attention_mask):
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        pooled = self.pool(hidden, attention_mask)
        return F.normalize(torch.tanh(self.dense(pooled)), dim=-1)


@torch.inference_mode()
def encode(model, tokenizer, texts, device, batch_size=128):
    out = []
    for batch in DataLoader(texts, batch_size=batch_size):
        enc = tokenizer(list(batch), padding=True, truncation=True, return_tensors="pt").to(device)
        out.append(model(enc["input_ids"], enc["attention_mask"]).cpu())
    return torch.cat(out)


if __name__ == "__main__":
    device = torch.device("cuda")
    tokenizer = AutoTokenizer.from_pretrained(BACKBONE)
    model = DenseEmbedder(BACKBONE)
    model.load_state_dict(torch.load("dense_embedder.pt", map_location="cpu"))
    model = model.to(device).half().eval()
    docs = [line.strip() for line in open("passages.txt", encoding="utf-8") if line.strip()]
    vectors = encode(model, tokenizer, docs, device)
    torch.save(vectors, "passages_fp16.pt")
    print(vectors.shape, vectors.dtype)
