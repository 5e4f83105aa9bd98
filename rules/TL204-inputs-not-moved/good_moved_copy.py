# The tags for the loss are read from the moved copy of the batch, which holds every
# entry on the model's device.
import torch
import torch.nn.functional as F
from torch import nn


class WordFeaturizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, sentences, tags):
        width = max(len(s) for s in sentences)
        ids = torch.zeros(len(sentences), width, dtype=torch.long)
        labels = torch.full((len(sentences), width), -100, dtype=torch.long)
        for i, (words, row) in enumerate(zip(sentences, tags)):
            ids[i, : len(words)] = torch.tensor([self.vocab.get(w, 1) for w in words])
            labels[i, : len(row)] = torch.tensor(row)
        return {"input_ids": ids, "labels": labels}


class Tagger(nn.Module):
    def __init__(self, vocab_size, n_tags, dim=64):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.out = nn.Linear(dim, n_tags)

    def forward(self, input_ids, labels=None):
        return self.out(self.embed(input_ids))


def token_loss(logits, tags):
    return F.cross_entropy(logits.flatten(0, 1), tags.flatten())


def train_step(model, featurize, sentences, tags, device):
    batch = {k: v.to(device) for k, v in featurize(sentences, tags).items()}
    logits = model(**batch)
    return token_loss(logits, batch["labels"])


def eval_step(model, featurize, sentences, tags, device):
    # (the copy for the model, and the tags moved on their own)
    batch = featurize(sentences, tags)
    logits = model(**{k: v.to(device) for k, v in batch.items()})
    return token_loss(logits, batch["labels"].to(device))


if __name__ == "__main__":
    device = torch.device("cuda")
    tagger = Tagger(100, 5).to(device)
    featurize = WordFeaturizer({"the": 2, "cat": 3})
    train_step(tagger, featurize, [["the", "cat"]], [[0, 1]], device).backward()
    eval_step(tagger, featurize, [["the", "cat"]], [[0, 1]], device).backward()
