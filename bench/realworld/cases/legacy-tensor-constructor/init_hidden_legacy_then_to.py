# source: https://github.com/pytorch/pytorch/issues/20122
# error: RuntimeError: legacy constructor for device type: cpu was passed device type: cuda, but device type must be: cpu
# pattern: legacy-tensor-constructor
# shape: helper, class, loader-loop
# looks-like: legacy-tensor-constructor
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def init_hidden(num_layers, batch_size, hidden_size):
    h0 = torch.FloatTensor(num_layers, batch_size, hidden_size).zero_().to(device)
    c0 = torch.FloatTensor(num_layers, batch_size, hidden_size).zero_().to(device)
    return h0, c0


class SequenceTagger(nn.Module):
    def __init__(self, vocab=100, emb=32, hidden=64, n_tags=5, num_layers=2):
        super().__init__()
        self.hidden = hidden
        self.num_layers = num_layers
        self.embed = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, num_layers=num_layers, batch_first=True)
        self.out = nn.Linear(hidden, n_tags)

    def forward(self, tokens):
        state = init_hidden(self.num_layers, tokens.size(0), self.hidden)
        h, _ = self.lstm(self.embed(tokens), state)
        return self.out(h)


if __name__ == "__main__":
    model = SequenceTagger().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = TensorDataset(torch.randint(0, 100, (40, 12)), torch.randint(0, 5, (40, 12)))
    for tokens, tags in DataLoader(data, batch_size=8, shuffle=True):
        tokens, tags = tokens.to(device), tags.to(device)
        logits = model(tokens)
        loss = nn.functional.cross_entropy(logits.reshape(-1, 5), tags.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(loss.item())
