# source: https://github.com/spro/practical-pytorch/issues/57
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: legacy-tensor-constructor
# shape: helper, batch-dict
# bug-lines: 28, 35
# needs: torch
# cpu: no written where torch was not installed; not run
import csv
import random
import string

import torch
import torch.nn as nn

all_characters = string.printable
n_characters = len(all_characters)


def load_headlines(path):
    by_topic = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_topic.setdefault(row["topic"], []).append(row["headline"])
    return by_topic


def char_tensor(text):
    tensor = torch.LongTensor(len(text)).zero_()
    for c in range(len(text)):
        tensor[c] = all_characters.index(text[c]) if text[c] in all_characters else 0
    return tensor


def topic_tensor(topic, topics):
    return torch.LongTensor([topics.index(topic)])


class CharRNNClassifier(nn.Module):
    def __init__(self, n_chars, hidden_size, n_topics, n_layers=1):
        super().__init__()
        self.encoder = nn.Embedding(n_chars, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size, n_layers, batch_first=True)
        self.decoder = nn.Linear(hidden_size, n_topics)

    def forward(self, inp):
        emb = self.encoder(inp.view(1, -1))
        _, hidden = self.gru(emb)
        return self.decoder(hidden[-1])


def random_training_pair(by_topic, topics):
    topic = random.choice(topics)
    line = random.choice(by_topic[topic])
    return char_tensor(line), topic_tensor(topic, topics)


def train(model, optimizer, criterion, inp, target):
    optimizer.zero_grad()
    output = model(inp)
    loss = criterion(output, target)
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    by_topic = load_headlines("headlines.csv")
    topics = sorted(by_topic)
    model = CharRNNClassifier(n_characters, 128, len(topics))
    if torch.cuda.is_available():
        model.cuda()
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-3)
    criterion = nn.CrossEntropyLoss()
    for step in range(1, 20001):
        loss = train(model, optimizer, criterion, *random_training_pair(by_topic, topics))
        if step % 1000 == 0:
            print(f"step {step} loss {loss:.4f}")
