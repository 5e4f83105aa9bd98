# The model goes to the GPU before `amp.initialize`, as apex asks.
import torch
import torch.nn as nn
from apex import amp


class Tagger(nn.Module):
    def __init__(self, vocab=30000, dim=256, tags=17):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.rnn = nn.LSTM(dim, dim, batch_first=True)
        self.out = nn.Linear(dim, tags)

    def forward(self, tokens):
        return self.out(self.rnn(self.embed(tokens))[0])


def train(loader, opt_level="O1"):
    model = Tagger().cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    model, optimizer = amp.initialize(model, optimizer, opt_level=opt_level)
    for tokens, tags in loader:
        logits = model(tokens.cuda())
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), tags.cuda().flatten())
        with amp.scale_loss(loss, optimizer) as scaled:
            scaled.backward()
        optimizer.step()
