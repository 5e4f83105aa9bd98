# source: https://github.com/kmkurn/pytorch-crf/pull/101
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: helper, batch-dict
# bug-lines: 44, 47
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class LinearChainCRF(nn.Module):
    def __init__(self, num_tags):
        super().__init__()
        self.transitions = nn.Parameter(torch.randn(num_tags, num_tags) * 0.1)

    def forward(self, emissions, tags, mask):
        # gold-path score only: enough to touch tags, mask and emissions together
        mask = mask.float()
        score = emissions.gather(2, tags.unsqueeze(-1)).squeeze(-1) * mask
        trans = self.transitions[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]
        return -(score.sum() + trans.sum())


class BiLSTMCRF(nn.Module):
    def __init__(self, vocab=500, num_tags=9, hidden=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, hidden)
        self.lstm = nn.LSTM(hidden, hidden // 2, batch_first=True, bidirectional=True)
        self.proj = nn.Linear(hidden, num_tags)
        self.crf = LinearChainCRF(num_tags)

    def forward(self, tokens, tags, mask):
        emissions = self.proj(self.lstm(self.emb(tokens))[0])
        return self.crf(emissions, tags, mask)


def make_batch(tokens, tags):
    mask = tokens != 0
    return {"tokens": tokens, "tags": tags, "mask": mask}


def run_step(model, optimizer, tokens, tags, device):
    batch = make_batch(tokens, tags)
    tokens = tokens.to(device)
    tags = tags.to(device)
    loss = model(tokens, tags, batch["mask"])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = BiLSTMCRF().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(3):
        toks = torch.randint(0, 500, (8, 20))
        tgs = torch.randint(0, 9, (8, 20))
        print(run_step(model, optimizer, toks, tgs, device))
