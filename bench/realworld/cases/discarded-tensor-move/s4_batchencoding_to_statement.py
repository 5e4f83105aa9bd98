# source: https://github.com/intel/intel-extension-for-pytorch/pull/267
# error: none (look-alike: BatchEncoding.to() moves its tensors in place, so the bare statement is correct)
# pattern: discarded-tensor-move
# shape: helper, batch-dict
# looks-like: discarded-tensor-move
# cpu: clean
# needs: torch, transformers

import torch
from transformers import BatchEncoding, BertConfig, BertModel

VOCAB = {"[PAD]": 0, "[CLS]": 1, "[SEP]": 2, "[UNK]": 3}


def encode(texts, max_len=12):
    rows = []
    for text in texts:
        ids = [1] + [VOCAB.setdefault(w, len(VOCAB)) for w in text.lower().split()][: max_len - 2] + [2]
        rows.append(ids + [0] * (max_len - len(ids)))
    input_ids = torch.tensor(rows)
    return BatchEncoding({"input_ids": input_ids, "attention_mask": (input_ids != 0).long()})


def embed(model, texts, device):
    enc = encode(texts)
    enc.to(device)
    with torch.no_grad():
        out = model(**enc)
    return out.last_hidden_state[:, 0]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    cfg = BertConfig(vocab_size=128, hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)
    model = BertModel(cfg).to(device).eval()
    vecs = embed(model, ["the cat sat", "a dog ran far away"], device)
    print(vecs.shape, vecs.device)
