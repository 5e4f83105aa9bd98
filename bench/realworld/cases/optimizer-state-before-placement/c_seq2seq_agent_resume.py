# source: https://github.com/facebookresearch/ParlAI/pull/678
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: class, loader-loop
# bug-lines: 39, 41
# cpu: clean
# needs: torch
import os
import tempfile

import torch
from torch import nn, optim


class Seq2seq(nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.emb = nn.Embedding(vocab, hidden)
        self.encoder = nn.GRU(hidden, hidden, batch_first=True)
        self.decoder = nn.GRU(hidden, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, xs, ys):
        _, h = self.encoder(self.emb(xs))
        dec, _ = self.decoder(self.emb(ys), h)
        return self.out(dec)


class Seq2seqAgent:
    def __init__(self, opt):
        self.use_cuda = not opt.get("no_cuda") and torch.cuda.is_available()
        self.model = Seq2seq(opt["vocab"], opt["hidden"])
        self.optimizer = optim.Adam(self.model.parameters(), lr=opt["lr"])
        self.criterion = nn.CrossEntropyLoss()
        model_file = opt.get("model_file")
        if model_file and os.path.isfile(model_file):
            states = self.load(model_file)
            self.model.load_state_dict(states["model"])
            self.optimizer.load_state_dict(states["optimizer"])
        if self.use_cuda:
            self.model.cuda()
            self.criterion.cuda()

    def device(self):
        return next(self.model.parameters()).device

    def load(self, path):
        return torch.load(path, map_location=lambda storage, loc: storage)

    def save(self, path):
        torch.save({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict()}, path)

    def train_step(self, xs, ys):
        self.model.train()
        xs, ys = xs.to(self.device()), ys.to(self.device())
        self.optimizer.zero_grad()
        scores = self.model(xs, ys[:, :-1])
        loss = self.criterion(scores.reshape(-1, scores.size(-1)), ys[:, 1:].reshape(-1))
        loss.backward()
        self.optimizer.step()
        return loss.item()


def batches(n, vocab=50):
    for _ in range(n):
        yield torch.randint(0, vocab, (8, 12)), torch.randint(0, vocab, (8, 10))


if __name__ == "__main__":
    opt = {"vocab": 50, "hidden": 32, "lr": 1e-3}
    with tempfile.TemporaryDirectory() as tmp:
        opt["model_file"] = os.path.join(tmp, "seq2seq.pt")
        agent = Seq2seqAgent(opt)
        for xs, ys in batches(3):
            agent.train_step(xs, ys)
        agent.save(opt["model_file"])
        resumed = Seq2seqAgent(opt)
        for xs, ys in batches(3):
            print(resumed.train_step(xs, ys))
