# source: https://github.com/pykeen/pykeen/issues/24
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# bug-lines: 24
# needs: torch
# cpu: no written where torch was not installed; not run
"""Stochastic local closed-world training loop (one negative per positive)."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class SLCWATrainingLoop:
    def __init__(self, model, optimizer, mapped_triples, num_entities, device=None):
        self.model = model
        self.optimizer = optimizer
        self.triples = mapped_triples
        self.num_entities = num_entities
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")

    def train(self, num_epochs=100, batch_size=256):
        # move the model to the training device right before the epochs start
        self.model.to(self.device)
        losses = []
        for epoch in range(num_epochs):
            epoch_loss = 0.0
            for pos in DataLoader(self.triples, batch_size=batch_size, shuffle=True):
                pos = pos.to(self.device)
                neg = self.model.corrupt(pos, self.num_entities)
                pos_score = self.model.score_hrt(pos)
                neg_score = self.model.score_hrt(neg)
                loss = -(F.logsigmoid(pos_score) + F.logsigmoid(-neg_score)).mean()
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                epoch_loss += loss.item() * pos.size(0)
            losses.append(epoch_loss / len(self.triples))
        return losses
