import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


# The same tagger with its tag ids kept as int64: padded in the dtype of the first
# sentence's tags, the batch is int64 class indices, as cross_entropy wants.
class TaggedSentences(Dataset):
    def __init__(self, sentences, tag_index):
        self.sentences = sentences  # list of (word ids, tag names)
        self.tag_index = tag_index

    def __len__(self):
        return len(self.sentences)

    def __getitem__(self, i):
        words, tags = self.sentences[i]
        tag_ids = np.array([self.tag_index[t] for t in tags], dtype=np.int64)
        return torch.tensor(words), tag_ids


def pad_tags(batch, ignore=-100):
    words, tags = zip(*batch)
    longest = max(len(t) for t in tags)
    padded = np.full((len(tags), longest), ignore, dtype=tags[0].dtype)
    for row, t in enumerate(tags):
        padded[row, : len(t)] = t
    return torch.nn.utils.rnn.pad_sequence(words, batch_first=True), torch.from_numpy(padded)


def train_tagger(tagger, sentences, tag_index, optimizer):
    loader = DataLoader(TaggedSentences(sentences, tag_index), batch_size=16, collate_fn=pad_tags)
    for words, tags in loader:
        scores = tagger(words)
        loss = F.cross_entropy(scores.flatten(0, 1), tags.flatten(), ignore_index=-100)
        loss.backward()
        optimizer.step()


# int32 tag arrays padded into an int64 buffer: numpy casts each row as it is copied in.
def pad_as_long(batch):
    words, tags = zip(*batch)
    padded = np.zeros((len(tags), max(len(t) for t in tags)), dtype=np.int64)
    for row, t in enumerate(tags):
        padded[row, : len(t)] = t
    return torch.stack(words), torch.from_numpy(padded)


def train_with_long_padding(tagger, dataset, optimizer):
    for words, tags in DataLoader(dataset, batch_size=16, collate_fn=pad_as_long):
        loss = F.cross_entropy(tagger(words).flatten(0, 1), tags.flatten())
        loss.backward()
        optimizer.step()
