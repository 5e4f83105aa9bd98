# source: https://github.com/InseeFrLab/torchTextClassifiers/pull/94
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# looks-like: inputs-not-moved
# shape: multi-file, helper, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import json
import sys

import torch
import torch.nn as nn

from utils import encode, to_model_device


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size, dim, n_classes):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.out = nn.Linear(dim, n_classes)

    def forward(self, input_ids, attention_mask):
        h = self.emb(input_ids) * attention_mask.unsqueeze(-1)
        pooled = h.sum(1) / attention_mask.sum(1, keepdim=True).clamp(min=1)
        return self.out(pooled)


class TextClassifier:
    def __init__(self, ckpt_path):
        ckpt = torch.load(ckpt_path, map_location="cpu")
        self.vocab, self.labels = ckpt["vocab"], ckpt["labels"]
        self.model = BagOfEmbeddings(len(self.vocab), ckpt["dim"], len(self.labels))
        self.model.load_state_dict(ckpt["state_dict"])
        self.model.eval()

    def to(self, device):
        self.model.to(device)
        return self

    @torch.no_grad()
    def predict(self, texts, top_k=1):
        batch = encode(texts, self.vocab)
        batch = to_model_device(batch, self.model)
        probs = torch.softmax(self.model(**batch), dim=-1)
        scores, idx = probs.topk(top_k, dim=-1)
        return [[(self.labels[i], float(s)) for i, s in zip(row_i, row_s)]
                for row_i, row_s in zip(idx.tolist(), scores.tolist())]


if __name__ == "__main__":
    clf = TextClassifier(sys.argv[1])
    if torch.cuda.is_available():
        clf.to("cuda")
    print(json.dumps(clf.predict(sys.argv[2:] or ["the service was quick and friendly"], top_k=2)))
