# source: https://github.com/udacity/deep-learning-v2-pytorch/pull/82
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 60, 65
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Character-level LSTM (Anna Karenina exercise), notebook exported to a script."""
import numpy as np
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

with open("data/anna.txt") as f:
    text = f.read()
chars = tuple(sorted(set(text)))
char2int = {ch: i for i, ch in enumerate(chars)}
# int32 halves the memory of the encoded corpus
encoded = np.array([char2int[ch] for ch in text], dtype=np.int32)


def one_hot_encode(arr, n_labels):
    one_hot = np.zeros((arr.size, n_labels), dtype=np.float32)
    one_hot[np.arange(arr.size), arr.flatten()] = 1.0
    return one_hot.reshape((*arr.shape, n_labels))


def get_batches(arr, batch_size, seq_length):
    n_batches = len(arr) // (batch_size * seq_length)
    arr = arr[: n_batches * batch_size * seq_length].reshape((batch_size, -1))
    for n in range(0, arr.shape[1], seq_length):
        x = arr[:, n : n + seq_length]
        y = np.zeros_like(x)
        y[:, :-1], y[:, -1] = x[:, 1:], arr[:, (n + seq_length) % arr.shape[1]]
        yield {"x": x, "y": y}


class CharRNN(nn.Module):
    def __init__(self, n_chars, n_hidden=256, n_layers=2, drop_prob=0.5):
        super().__init__()
        self.lstm = nn.LSTM(n_chars, n_hidden, n_layers, dropout=drop_prob, batch_first=True)
        self.dropout = nn.Dropout(drop_prob)
        self.fc = nn.Linear(n_hidden, n_chars)

    def forward(self, x, hidden=None):
        out, hidden = self.lstm(x, hidden)
        out = self.dropout(out).contiguous().view(-1, self.lstm.hidden_size)
        return self.fc(out), hidden


def train(net, data, epochs=20, batch_size=128, seq_length=100, lr=0.001, clip=5):
    net.to(device).train()
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        hidden = None
        for batch in get_batches(data, batch_size, seq_length):
            inputs = torch.from_numpy(one_hot_encode(batch["x"], len(chars))).to(device)
            targets = torch.from_numpy(batch["y"]).to(device)
            if hidden is not None:
                hidden = tuple(h.detach() for h in hidden)
            opt.zero_grad()
            output, hidden = net(inputs, hidden)
            loss = criterion(output, targets.view(batch_size * seq_length))
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), clip)
            opt.step()
        print(f"epoch {epoch + 1}/{epochs} loss {loss.item():.4f}")


if __name__ == "__main__":
    train(CharRNN(len(chars)), encoded)
