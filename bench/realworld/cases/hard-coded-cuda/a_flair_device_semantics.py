# source: https://github.com/flairNLP/flair/pull/402
# error: none (correct look-alike)
# pattern: hard-coded-cuda
# shape: class, loader-loop
# looks-like: hard-coded-cuda
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

if torch.cuda.device_count() > 1:
    device = torch.device("cuda:1")
elif torch.cuda.is_available():
    device = torch.device("cuda:0")
else:
    device = torch.device("cpu")


class TextCorpus:
    def __init__(self, text, seq_len=12):
        self.ids = torch.tensor([min(ord(c), 127) for c in text], dtype=torch.long)
        self.seq_len = seq_len

    def batches(self, bsz=2):
        n = (len(self.ids) - 1) // (self.seq_len * bsz) * (self.seq_len * bsz)
        data = self.ids[:n].view(bsz, -1).t().contiguous()
        target = self.ids[1:n + 1].view(bsz, -1).t().contiguous()
        for i in range(0, data.size(0), self.seq_len):
            yield data[i:i + self.seq_len], target[i:i + self.seq_len]


class CharLM(nn.Module):
    def __init__(self, vocab=128, hidden=32):
        super().__init__()
        self.encoder = nn.Embedding(vocab, 16)
        self.rnn = nn.LSTM(16, hidden)
        self.decoder = nn.Linear(hidden, vocab)
        self.hidden_size = hidden
        self.to(device)

    def init_hidden(self, bsz):
        return (torch.zeros(1, bsz, self.hidden_size, device=device),
                torch.zeros(1, bsz, self.hidden_size, device=device))

    def forward(self, input, hidden):
        output, hidden = self.rnn(self.encoder(input), hidden)
        return self.decoder(output), hidden


class LanguageModelTrainer:
    def __init__(self, model, corpus):
        self.model, self.corpus = model, corpus
        self.optimizer = torch.optim.SGD(model.parameters(), lr=1.0)

    def train_epoch(self):
        hidden = self.model.init_hidden(2)
        for data, targets in self.corpus.batches(2):
            data = data.to(device)
            targets = targets.to(device)
            hidden = tuple(h.detach() for h in hidden)
            output, hidden = self.model(data, hidden)
            loss = nn.functional.cross_entropy(output.view(-1, output.size(-1)), targets.view(-1))
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()


if __name__ == "__main__":
    corpus = TextCorpus("the quick brown fox jumps over the lazy dog " * 8)
    trainer = LanguageModelTrainer(CharLM(), corpus)
    print(trainer.train_epoch())
