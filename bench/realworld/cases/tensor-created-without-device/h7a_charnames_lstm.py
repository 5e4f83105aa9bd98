# source: https://github.com/Lightning-AI/pytorch-lightning/issues/3738
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 30, 34, 35
# needs: torch, pytorch_lightning
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import pytorch_lightning as pl
from torch.utils.data import DataLoader, TensorDataset


class NameRNN(pl.LightningModule):
    lr = 5e-4

    def __init__(self, n_letters, n_categories, embedding_size=64, hidden_size=128, n_layers=2, p=0.2):
        super().__init__()
        self.n_layers = n_layers
        self.hidden_size = hidden_size
        self.criterion = nn.CrossEntropyLoss()
        self.embedding = nn.Embedding(n_letters, embedding_size)
        self.lstm = nn.LSTM(embedding_size + n_categories, hidden_size, n_layers, dropout=p)
        self.out_fc = nn.Linear(hidden_size, n_letters)
        self.dropout = nn.Dropout(p)

    def forward(self, category, letter, hidden, cell):
        emb = self.dropout(self.embedding(letter))
        step_in = torch.cat((category, emb), dim=1).unsqueeze(0)
        out, (hidden, cell) = self.lstm(step_in, (hidden, cell))
        return self.out_fc(out.squeeze(0)), hidden, cell

    def init_hidden(self, batch_size):
        hidden = torch.zeros(self.n_layers, batch_size, self.hidden_size)
        cell = torch.zeros(self.n_layers, batch_size, self.hidden_size)
        return hidden, cell

    def training_step(self, batch, batch_idx):
        category, input_seq, target_seq = batch
        hidden, cell = self.init_hidden(input_seq.size(0))
        loss = 0.0
        for t in range(input_seq.size(1)):
            logits, hidden, cell = self(category, input_seq[:, t], hidden, cell)
            loss = loss + self.criterion(logits, target_seq[:, t])
        loss = loss / input_seq.size(1)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)


if __name__ == "__main__":
    n_letters, n_categories, seq_len, n = 60, 18, 12, 512
    cats = nn.functional.one_hot(torch.randint(0, n_categories, (n,)), n_categories).float()
    seqs = torch.randint(0, n_letters, (n, seq_len + 1))
    ds = TensorDataset(cats, seqs[:, :-1], seqs[:, 1:])
    model = NameRNN(n_letters, n_categories)
    trainer = pl.Trainer(accelerator="gpu", devices=1, max_epochs=3)
    trainer.fit(model, DataLoader(ds, batch_size=32, shuffle=True))
