# source: https://github.com/ContextLab/data-wrangler/issues/24
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
tokenizer = AutoTokenizer.from_pretrained("BAAI/bge-small-en-v1.5")
encoder = AutoModel.from_pretrained("BAAI/bge-small-en-v1.5").to(device).eval()


@torch.no_grad()
def document_vectors(docs, batch_size=32):
    chunks = []
    for batch in DataLoader(docs, batch_size=batch_size):
        enc = tokenizer(list(batch), padding=True, truncation=True, return_tensors="pt").to(device)
        cls = encoder(**enc).last_hidden_state[:, 0]
        chunks.append(torch.nn.functional.normalize(cls, dim=-1).detach())
    return torch.cat(chunks).cpu()


def nearest(query_vec, doc_vecs, k=3):
    scores = (doc_vecs @ query_vec.squeeze(0)).cpu()
    order = np.argsort(-scores.numpy())[:k]
    return order, scores.numpy()[order]


if __name__ == "__main__":
    docs = [line.rstrip("\n") for line in open("corpus.txt", encoding="utf-8")]
    vecs = document_vectors(docs)
    np.save("corpus_vectors.npy", vecs.numpy())
    query = document_vectors(["where are the model weights stored?"])
    idx, vals = nearest(query.to(device), vecs.to(device))
    for i, v in zip(idx, vals):
        print(f"{v:.3f}  {docs[i]}")
