# source: https://github.com/PacktPublishing/Mastering-PyTorch/issues/4
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: loader-loop, helper
# looks-like: loss-target-dtype
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SentimentRNN(nn.Module):
    def __init__(self, vocab_size, emb_dim=100, hidden=256):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.rnn = nn.LSTM(emb_dim, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, 1)

    def forward(self, text):
        _, (h, _) = self.rnn(self.embedding(text))
        return self.fc(h[-1]).squeeze(1)


def binary_accuracy(preds, y):
    return (torch.round(torch.sigmoid(preds)) == y).float().mean()


def train_epoch(model, loader, optimizer, loss_func, device):
    model.train()
    total_loss, total_acc = 0.0, 0.0
    for text, sentiment in loader:
        text = text.to(device)
        sentiment = sentiment.to(device).float()  # labels arrive as int64 0/1
        preds = model(text)
        loss = loss_func(preds, sentiment)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
        total_acc += binary_accuracy(preds, sentiment).item()
    return total_loss / len(loader), total_acc / len(loader)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokens = torch.randint(1, 25000, (512, 200))
    labels = torch.randint(0, 2, (512,))
    loader = DataLoader(TensorDataset(tokens, labels), batch_size=64, shuffle=True)
    model = SentimentRNN(25000).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        print(epoch, train_epoch(model, loader, opt, nn.BCEWithLogitsLoss(), device))
