# source: https://github.com/allenai/allennlp/issues/205
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, helper, loader-loop, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


class Tagger(nn.Module):
    def __init__(self, vocab_size=5000, num_tags=20, dim=100):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.lstm = nn.LSTM(dim, dim, batch_first=True, bidirectional=True)
        self.proj = nn.Linear(2 * dim, num_tags)

    def forward(self, tokens, tags):
        mask = tokens != 0
        logits = self.proj(self.lstm(self.embed(tokens))[0])
        return F.cross_entropy(logits[mask], tags[mask])


class Trainer:
    def __init__(self, model, optimizer_params, loader, cuda_device=-1):
        self.cuda_device = cuda_device
        if cuda_device >= 0:
            model = model.cuda(cuda_device)
        self.model = model
        self.optimizer = torch.optim.Adagrad(self.model.parameters(), **optimizer_params)
        self.loader = loader

    def train(self, epochs):
        for epoch in range(epochs):
            for batch in self.loader:
                if self.cuda_device >= 0:
                    batch = {k: v.cuda(self.cuda_device) for k, v in batch.items()}
                loss = self.model(**batch)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
            print(epoch, loss.item())


def collate(rows):
    tokens = torch.tensor([r[0] for r in rows])
    tags = torch.tensor([r[1] for r in rows])
    return {"tokens": tokens, "tags": tags}


if __name__ == "__main__":
    rows = [([3, 8, 15, 4], [1, 2, 2, 1])] * 256
    loader = DataLoader(rows, batch_size=32, collate_fn=collate)
    device_id = 0 if torch.cuda.is_available() else -1
    trainer = Trainer(Tagger(), {"lr": 0.05, "initial_accumulator_value": 0.1}, loader, device_id)
    trainer.train(epochs=5)
