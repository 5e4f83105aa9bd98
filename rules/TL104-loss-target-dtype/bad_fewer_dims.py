# Token labels kept in a float tensor: with the input written as (tokens, tags) and
# the target as (tokens,), cross_entropy reads the target as class indices, which
# must be integers ('expected scalar type Long but found Float').
import torch
import torch.nn.functional as F
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("bert-base-cased")


def encode(words, tags, tag_ids):
    enc = tokenizer(words, is_split_into_words=True, truncation=True, return_tensors="pt")
    labels = torch.full(enc["input_ids"].shape, -100.0)
    for i, word in enumerate(enc.word_ids()):
        if word is not None:
            labels[0, i] = tag_ids[tags[word]]
    enc["labels"] = labels
    return enc


def train_step(model, words, tags, tag_ids, n_tags):
    batch = encode(words, tags, tag_ids)
    labels = batch.pop("labels")
    logits = model(**batch).logits
    return F.cross_entropy(logits.view(-1, n_tags), labels.view(-1), ignore_index=-100)  # expect: TL104:53 lines=13
