# source: https://github.com/namisan/mt-dnn/issues/53
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'other'
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-task encoder wrapper: owns the network, the optimizer and resume logic."""
import torch
import torch.nn as nn


class SharedEncoderNet(nn.Module):
    def __init__(self, vocab_size, hidden, task_sizes):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden)
        self.encoder = nn.LSTM(hidden, hidden, batch_first=True, bidirectional=True)
        self.heads = nn.ModuleList([nn.Linear(2 * hidden, n) for n in task_sizes])

    def forward(self, input_ids, task_id):
        h, _ = self.encoder(self.embed(input_ids))
        return self.heads[task_id](h[:, 0])


class MultiTaskModel:
    def __init__(self, opt, state_dict=None):
        self.opt = opt
        self.updates = state_dict["updates"] if state_dict else 0
        self.network = SharedEncoderNet(opt["vocab_size"], opt["hidden"], opt["task_sizes"])
        if state_dict:
            self.network.load_state_dict(state_dict["state"])
        params = [p for p in self.network.parameters() if p.requires_grad]
        self.optimizer = torch.optim.Adamax(params, lr=opt["learning_rate"])
        if state_dict and "optimizer" in state_dict:
            self.optimizer.load_state_dict(state_dict["optimizer"])

    def update(self, batch_meta, batch_data):
        self.network.train()
        input_ids, labels = batch_data
        logits = self.network(input_ids, batch_meta["task_id"])
        loss = nn.functional.cross_entropy(logits, labels)
        self.optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.network.parameters(), self.opt["grad_clipping"])
        self.optimizer.step()
        self.updates += 1
        return loss.item()

    def save(self, filename):
        params = {"state": self.network.state_dict(),
                  "optimizer": self.optimizer.state_dict(),
                  "updates": self.updates}
        torch.save(params, filename)
