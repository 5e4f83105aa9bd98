# source: https://github.com/huggingface/sentence-transformers/issues/360
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 43
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
encoder = AutoModel.from_pretrained(MODEL_NAME).to(device).eval()


def mean_pool(last_hidden, attention_mask):
    mask = attention_mask.unsqueeze(-1).type_as(last_hidden)
    return (last_hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


@torch.no_grad()
def embed(texts, batch_size=64):
    loader = DataLoader(texts, batch_size=batch_size, shuffle=False)
    chunks = []
    for batch in loader:
        enc = tokenizer(list(batch), padding=True, truncation=True,
                        max_length=256, return_tensors="pt")
        enc = {k: v.to(device) for k, v in enc.items()}
        hidden = encoder(**enc).last_hidden_state
        chunks.append(F.normalize(mean_pool(hidden, enc["attention_mask"]), dim=-1))
    return torch.cat(chunks)


def search(query, corpus_emb, corpus, top_k=5):
    query_emb = embed([query])
    cos_scores = (query_emb @ corpus_emb.T)[0]
    top_k = min(top_k, len(corpus))
    top_idx = np.argpartition(-cos_scores, range(top_k))[:top_k]
    return [(corpus[i], float(cos_scores[i])) for i in top_idx]


if __name__ == "__main__":
    corpus = [
        "A man is eating food.",
        "A man is riding a horse.",
        "A woman is playing violin.",
        "Two men pushed carts through the woods.",
        "A cheetah is running behind its prey.",
        "The new movie is awesome.",
    ]
    corpus_emb = embed(corpus)
    for q in ["Someone is having a meal.", "A big cat chases an animal."]:
        print("\nQuery:", q)
        for text, score in search(q, corpus_emb, corpus, top_k=3):
            print(f"  {score:.4f}  {text}")
