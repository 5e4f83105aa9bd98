# source: https://github.com/huggingface/sentence-transformers/issues/2887
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Half and Float
# pattern: partial-dtype-cast
# shape: helper, class
# bug-lines: 40, 49, 64
# cpu: raises "mat1 and mat2 must have the same dtype"
# needs: torch
from collections import OrderedDict

import torch
import torch.nn as nn


class Transformer(nn.Module):
    def __init__(self, vocab_size=1000, dim=64, layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        block = nn.TransformerEncoderLayer(dim, 4, dim * 2, batch_first=True)
        self.encoder = nn.TransformerEncoder(block, layers)

    def forward(self, features):
        features["token_embeddings"] = self.encoder(self.embed(features["input_ids"]))
        return features


class Pooling(nn.Module):
    def forward(self, features):
        mask = features["attention_mask"].unsqueeze(-1).to(features["token_embeddings"].dtype)
        summed = (features["token_embeddings"] * mask).sum(dim=1)
        features["sentence_embedding"] = summed / mask.sum(dim=1).clamp(min=1e-9)
        return features


class Dense(nn.Module):
    def __init__(self, in_features=64, out_features=256):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features)

    def forward(self, features):
        features["sentence_embedding"] = self.linear(features["sentence_embedding"])
        return features


def load_encoder(model_kwargs=None):
    model_kwargs = model_kwargs or {}
    modules = OrderedDict([("0", Transformer()), ("1", Pooling()), ("2", Dense())])
    torch_dtype = model_kwargs.get("torch_dtype")
    if torch_dtype is not None:
        modules["0"] = modules["0"].to(torch_dtype)
    return nn.Sequential(modules).eval()


def tokenize(sentences, vocab_size=1000, max_len=16):
    ids = torch.zeros(len(sentences), max_len, dtype=torch.long)
    for row, sentence in enumerate(sentences):
        toks = [1 + (sum(map(ord, word)) % (vocab_size - 1)) for word in sentence.split()][:max_len]
        ids[row, : len(toks)] = torch.tensor(toks)
    return {"input_ids": ids, "attention_mask": (ids != 0).long()}


@torch.no_grad()
def encode(model, sentences, device):
    features = {k: v.to(device) for k, v in tokenize(sentences).items()}
    out = model(features)
    return out["sentence_embedding"].float().cpu()


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_encoder(model_kwargs={"torch_dtype": torch.float16}).to(dev)
    print(encode(model, ["This is a sentence."], dev).shape)
