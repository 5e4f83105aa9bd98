# source: https://github.com/udacity/deep-learning-v2-pytorch/issues/73
# error: RuntimeError: Expected object of type torch.cuda.LongTensor but found type torch.LongTensor for argument #2 'target'
# pattern: legacy-type-cast
# shape: helper, loader-loop
# bug-lines: 54
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

train_on_gpu = torch.cuda.is_available()


def one_hot_encode(arr, n_labels):
    one_hot = np.zeros((arr.size, n_labels), dtype=np.float32)
    one_hot[np.arange(one_hot.shape[0]), arr.flatten()] = 1.0
    return one_hot.reshape((*arr.shape, n_labels))


def get_batches(arr, batch_size, seq_length):
    n_batches = len(arr) // (batch_size * seq_length)
    arr = arr[: n_batches * batch_size * seq_length].reshape((batch_size, -1))
    for n in range(0, arr.shape[1], seq_length):
        x = arr[:, n:n + seq_length]
        y = np.zeros_like(x)
        y[:, :-1], y[:, -1] = x[:, 1:], arr[:, (n + seq_length) % arr.shape[1]]
        yield x, y


class CharRNN(nn.Module):
    def __init__(self, n_chars, n_hidden=32):
        super().__init__()
        self.lstm = nn.LSTM(n_chars, n_hidden, batch_first=True)
        self.fc = nn.Linear(n_hidden, n_chars)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out.reshape(-1, out.shape[-1]))


def train(net, data, n_chars, epochs=2, batch_size=4, seq_length=8):
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    if train_on_gpu:
        net.cuda()
    for e in range(epochs):
        for x, y in get_batches(data, batch_size, seq_length):
            inputs = torch.from_numpy(one_hot_encode(x, n_chars))
            targets = torch.from_numpy(y)
            if train_on_gpu:
                inputs, targets = inputs.cuda(), targets.cuda()
            output = net(inputs)
            loss = criterion(output, targets.view(batch_size * seq_length).type(torch.LongTensor))
            opt.zero_grad()
            loss.backward()
            opt.step()
        print("epoch", e, loss.item())


if __name__ == "__main__":
    text = "hello world, this is a tiny corpus for a tiny char rnn " * 4
    chars = sorted(set(text))
    encoded = np.array([chars.index(c) for c in text], dtype=np.int32)
    train(CharRNN(len(chars)), encoded, len(chars))
