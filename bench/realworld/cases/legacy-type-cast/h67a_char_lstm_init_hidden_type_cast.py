# source: https://github.com/pytorch/pytorch/issues/5213
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: legacy-type-cast
# shape: class, helper
# bug-lines: 24, 25
# needs: torch
# cpu: clean
"""Character-level LSTM language model: truncated-BPTT training and temperature sampling."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CharLSTM(nn.Module):
    def __init__(self, vocab, emb=64, hidden=256, layers=2, dropout=0.2):
        super().__init__()
        self.n_layers, self.hidden_size = layers, hidden
        self.embed = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, layers, dropout=dropout, batch_first=True)
        self.fc = nn.Linear(hidden, vocab)

    def init_hidden(self, batch_size):
        weight = next(self.parameters())
        h = weight.new_zeros(self.n_layers, batch_size, self.hidden_size).type(torch.FloatTensor)
        c = weight.new_zeros(self.n_layers, batch_size, self.hidden_size).type(torch.FloatTensor)
        return h, c

    def forward(self, x, hidden):
        out, hidden = self.lstm(self.embed(x), hidden)
        return self.fc(out), hidden


def batchify(ids, batch_size, device):
    n = ids.size(0) // batch_size
    return ids[: n * batch_size].view(batch_size, n).to(device)


def train_epoch(model, data, optimizer, bptt=64, clip=0.25):
    model.train()
    hidden = model.init_hidden(data.size(0))
    for i in range(0, data.size(1) - 1, bptt):
        seq_len = min(bptt, data.size(1) - 1 - i)
        x, y = data[:, i:i + seq_len], data[:, i + 1:i + 1 + seq_len]
        hidden = tuple(h.detach() for h in hidden)
        logits, hidden = model(x, hidden)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
    return loss.item()


@torch.no_grad()
def sample(model, stoi, itos, prompt, length=200, temperature=0.8):
    model.eval()
    device = next(model.parameters()).device
    hidden = model.init_hidden(1)
    x = torch.tensor([[stoi[c] for c in prompt]], device=device)
    out = list(prompt)
    for _ in range(length):
        logits, hidden = model(x, hidden)
        probs = F.softmax(logits[:, -1] / temperature, dim=-1)
        x = torch.multinomial(probs, 1)
        out.append(itos[x.item()])
    return "".join(out)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    text = "to be, or not to be, that is the question: " * 400
    chars = sorted(set(text))
    stoi, itos = {c: i for i, c in enumerate(chars)}, dict(enumerate(chars))
    data = batchify(torch.tensor([stoi[c] for c in text]), 16, device)
    model = CharLSTM(len(chars)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(2):
        print(f"epoch {epoch}: loss {train_epoch(model, data, optimizer):.3f}")
    print(sample(model, stoi, itos, "to be"))
