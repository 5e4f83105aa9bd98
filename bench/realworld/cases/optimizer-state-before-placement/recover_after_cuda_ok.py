# source: https://github.com/allenai/allennlp/issues/998
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, loader-loop
# looks-like: optimizer-state-before-placement
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, vocab=200, dim=32, n_tags=5):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.lstm = nn.LSTM(dim, dim, batch_first=True, bidirectional=True)
        self.proj = nn.Linear(2 * dim, n_tags)

    def forward(self, tokens):
        hidden, _ = self.lstm(self.embed(tokens))
        return self.proj(hidden)


class Trainer:
    def __init__(self, model, serialization_dir, cuda_device=-1, lr=1e-3):
        self._device = torch.device("cpu" if cuda_device < 0 else f"cuda:{cuda_device}")
        self._model = model.to(self._device)
        self._optimizer = torch.optim.Adam(self._model.parameters(), lr=lr)
        self._dir = serialization_dir

    def _save_checkpoint(self, epoch):
        state = {"model": self._model.state_dict(), "optimizer": self._optimizer.state_dict(), "epoch": epoch}
        torch.save(state, os.path.join(self._dir, "training_state.th"))

    def _restore_checkpoint(self):
        path = os.path.join(self._dir, "training_state.th")
        if not os.path.exists(path):
            return 0
        state = torch.load(path, map_location=self._device)
        self._model.load_state_dict(state["model"])
        self._optimizer.load_state_dict(state["optimizer"])
        return state["epoch"] + 1

    def train(self, batches, num_epochs):
        start = self._restore_checkpoint()
        loss_fn = nn.CrossEntropyLoss()
        for epoch in range(start, num_epochs):
            for tokens, tags in batches:
                tokens, tags = tokens.to(self._device), tags.to(self._device)
                self._optimizer.zero_grad()
                loss = loss_fn(self._model(tokens).flatten(0, 1), tags.flatten())
                loss.backward()
                self._optimizer.step()
            self._save_checkpoint(epoch)
            print(f"epoch {epoch}: {loss.item():.4f}")


if __name__ == "__main__":
    out_dir = tempfile.mkdtemp()
    cuda = 0 if torch.cuda.is_available() else -1
    data = [(torch.randint(0, 200, (8, 12)), torch.randint(0, 5, (8, 12))) for _ in range(4)]
    Trainer(Tagger(), out_dir, cuda_device=cuda).train(data, num_epochs=2)
    Trainer(Tagger(), out_dir, cuda_device=cuda).train(data, num_epochs=4)
