# source: https://github.com/Lightning-AI/pytorch-lightning/issues/2585
# error: (thread shows the behaviour, no traceback) RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# shape: class, helper, loader-loop
# looks-like: type-as-cpu
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class TextRNNClassifier(nn.Module):
    def __init__(self, vocab=50, emb=16, hidden=24, num_classes=3):
        super().__init__()
        self.hidden = hidden
        self.embedding = nn.Embedding(vocab, emb)
        self.rnn = nn.LSTM(emb, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, num_classes)
        # template used to give new state tensors "the model's type"
        self.register_buffer("h_template", torch.zeros(1, 1, hidden), persistent=False)

    def init_hidden(self, batch_size):
        h0 = torch.zeros(1, batch_size, self.hidden).type_as(self.h_template)
        c0 = torch.zeros(1, batch_size, self.hidden).type_as(self.h_template)
        return h0, c0

    def forward(self, tokens):
        hidden = self.init_hidden(tokens.size(0))
        out, _ = self.rnn(self.embedding(tokens), hidden)
        return self.fc(out[:, -1])


def training_step(model, batch, device):
    tokens, labels = (t.to(device) for t in batch)
    return F.cross_entropy(model(tokens), labels)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TextRNNClassifier().to(device)
    data = TensorDataset(torch.randint(0, 50, (12, 7)), torch.randint(0, 3, (12,)))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for batch in DataLoader(data, batch_size=4):
        loss = training_step(model, batch, device)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
