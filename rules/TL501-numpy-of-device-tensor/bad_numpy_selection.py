import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

device = torch.device("cuda")
tokenizer = AutoTokenizer.from_pretrained("intfloat/e5-small-v2")
encoder = AutoModel.from_pretrained("intfloat/e5-small-v2").to(device).eval()


def embed(texts):
    enc = tokenizer(texts, padding=True, return_tensors="pt").to(device)
    with torch.no_grad():
        return encoder(**enc).last_hidden_state[:, 0]


def nearest(query, docs, k=3):
    scores = (embed([query]) @ embed(docs).T)[0]
    # np.argpartition and np.take have no tensor method to call: numpy makes an
    # array of the GPU scores first, which fails
    top = np.argpartition(-scores, k)[:k]  # expect: TL501:11
    return np.take(scores, top)  # expect: TL501:12
