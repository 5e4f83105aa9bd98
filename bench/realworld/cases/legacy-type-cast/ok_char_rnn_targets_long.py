# source: https://github.com/udacity/deep-learning-v2-pytorch/issues/73
# error: none (correct: .long() changes the dtype and keeps the target on its device)
# shape: helper, loader-loop
# looks-like: legacy-type-cast
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

train_on_gpu = torch.cuda.is_available()


def get_batches(arr, batch_size, seq_length):
    n_batches = len(arr) // (batch_size * seq_length)
    arr = arr[: n_batches * batch_size * seq_length].reshape((batch_size, -1))
    for n in range(0, arr.shape[1], seq_length):
        x = arr[:, n:n + seq_length]
        y = np.roll(x, -1, axis=1)
        yield x, y


class CharRNN(nn.Module):
    def __init__(self, n_chars, n_hidden=32):
        super().__init__()
        self.embed = nn.Embedding(n_chars, 16)
        self.lstm = nn.LSTM(16, n_hidden, batch_first=True)
        self.fc = nn.Linear(n_hidden, n_chars)

    def forward(self, x):
        out, _ = self.lstm(self.embed(x))
        return self.fc(out.reshape(-1, out.shape[-1]))


def train(net, data, epochs=2, batch_size=4, seq_length=8):
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    if train_on_gpu:
        net.cuda()
    for e in range(epochs):
        for x, y in get_batches(data, batch_size, seq_length):
            inputs, targets = torch.from_numpy(x).long(), torch.from_numpy(y)
            if train_on_gpu:
                inputs, targets = inputs.cuda(), targets.cuda()
            output = net(inputs)
            loss = criterion(output, targets.view(batch_size * seq_length).long())
            opt.zero_grad()
            loss.backward()
            opt.step()
        print("epoch", e, loss.item())


if __name__ == "__main__":
    text = "hello world, this is a tiny corpus for a tiny char rnn " * 4
    chars = sorted(set(text))
    train(CharRNN(len(chars)), np.array([chars.index(c) for c in text], dtype=np.int32))
