# source: https://github.com/bentrevett/pytorch-sentiment-analysis
#   (2 - Recurrent Neural Networks: the bidirectional LSTM with packed padded sequences)
# what: a sentiment LSTM over padded batches: pack_padded_sequence with the lengths
#   moved to the CPU (length.to("cpu"), as packing requires), pad_packed_sequence,
#   the last hidden states of both directions concatenated, BCEWithLogits on float
#   labels, accuracy from rounded sigmoid, the best model saved by validation loss.
# shrunk: random token batches of lengths 3-10, embedding 16, hidden 16, 2 epochs.
import os
import tempfile

import torch
import torch.nn as nn
import torch.optim as optim


class LSTM(nn.Module):
    def __init__(
        self,
        vocab_size,
        embedding_dim,
        hidden_dim,
        output_dim,
        n_layers,
        bidirectional,
        dropout_rate,
        pad_index,
    ):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_index)
        self.lstm = nn.LSTM(
            embedding_dim,
            hidden_dim,
            n_layers,
            bidirectional=bidirectional,
            dropout=dropout_rate,
            batch_first=True,
        )
        self.fc = nn.Linear(hidden_dim * 2 if bidirectional else hidden_dim, output_dim)
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, ids, length):
        embedded = self.dropout(self.embedding(ids))
        packed_embedded = nn.utils.rnn.pack_padded_sequence(
            embedded, length, batch_first=True, enforce_sorted=False
        )
        packed_output, (hidden, cell) = self.lstm(packed_embedded)
        output, output_length = nn.utils.rnn.pad_packed_sequence(packed_output)
        if self.lstm.bidirectional:
            hidden = self.dropout(torch.cat([hidden[-1], hidden[-2]], dim=-1))
        else:
            hidden = self.dropout(hidden[-1])
        return self.fc(hidden)


def make_batches(n_batches, batch_size=4, vocab=30, pad_index=0):
    batches = []
    for _ in range(n_batches):
        length = torch.randint(3, 11, (batch_size,))
        ids = torch.full((batch_size, int(length.max())), pad_index)
        for i, n in enumerate(length.tolist()):
            ids[i, :n] = torch.randint(1, vocab, (n,))
        batches.append({"ids": ids, "length": length, "label": torch.randint(0, 2, (batch_size,))})
    return batches


def get_accuracy(prediction, label):
    return (torch.round(torch.sigmoid(prediction)) == label).float().mean()


def train(data_loader, model, criterion, optimizer, device):
    model.train()
    for batch in data_loader:
        ids = batch["ids"].to(device)
        length = batch["length"]
        label = batch["label"].to(device).float().unsqueeze(1)
        prediction = model(ids, length.to("cpu"))
        loss = criterion(prediction, label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item(), get_accuracy(prediction, label).item()


def evaluate(data_loader, model, criterion, device):
    model.eval()
    losses = []
    with torch.no_grad():
        for batch in data_loader:
            ids, length = batch["ids"].to(device), batch["length"]
            label = batch["label"].to(device).float().unsqueeze(1)
            losses.append(criterion(model(ids, length), label).item())
    return sum(losses) / len(losses)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = LSTM(30, 16, 16, 1, 2, True, 0.2, 0).to(device)
optimizer = optim.Adam(model.parameters(), lr=5e-4)
criterion = nn.BCEWithLogitsLoss().to(device)
train_data, valid_data = make_batches(3), make_batches(2)
best_valid_loss = float("inf")
for epoch in range(2):
    train_loss, train_acc = train(train_data, model, criterion, optimizer, device)
    valid_loss = evaluate(valid_data, model, criterion, device)
    if valid_loss < best_valid_loss:
        best_valid_loss = valid_loss
        torch.save(model.state_dict(), os.path.join(tempfile.gettempdir(), "lstm.pt"))
    print(
        f"epoch {epoch}: train loss {train_loss:.3f} acc {train_acc:.2f} valid loss {valid_loss:.3f}"
    )
