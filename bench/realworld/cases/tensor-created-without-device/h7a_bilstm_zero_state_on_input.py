# source: https://github.com/facebookresearch/pytext/pull/297
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from torch.utils.data import DataLoader, TensorDataset


class BiLSTMRepresentation(nn.Module):
    def __init__(self, vocab_size, embed_dim=100, hidden_dim=128, num_layers=2, num_classes=5):
        super().__init__()
        self.num_layers = num_layers
        self.hidden_dim = hidden_dim
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, num_layers, batch_first=True, bidirectional=True)
        self.classifier = nn.Linear(2 * hidden_dim, num_classes)

    def zero_state(self, embedded):
        shape = (self.num_layers * 2, embedded.size(0), self.hidden_dim)
        h0 = torch.zeros(shape, device=embedded.device, dtype=embedded.dtype)
        c0 = embedded.new_zeros(shape)
        return h0, c0

    def forward(self, tokens, seq_lengths):
        embedded = self.embedding(tokens)
        state = self.zero_state(embedded)
        packed = pack_padded_sequence(embedded, seq_lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed, state)
        out, _ = pad_packed_sequence(out, batch_first=True)
        pooled = out.max(dim=1).values
        return self.classifier(pooled)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n, T = 512, 40
    lengths = torch.randint(5, T + 1, (n,))
    tokens = torch.randint(1, 5000, (n, T)) * (torch.arange(T)[None] < lengths[:, None])
    labels = torch.randint(0, 5, (n,))
    loader = DataLoader(TensorDataset(tokens, lengths, labels), batch_size=32, shuffle=True)
    model = BiLSTMRepresentation(5000).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for tok, lens, y in loader:
        tok, lens, y = tok.to(device), lens.to(device), y.to(device)
        loss = nn.functional.cross_entropy(model(tok, lens), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("last loss", loss.item())
