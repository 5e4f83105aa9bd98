# source: https://github.com/deepchem/deepchem/pull/4738
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# bug-lines: 39, 40
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from learners import SineLearner


class MAML:
    def __init__(self, learner, inner_lr=0.01, outer_lr=1e-3, inner_steps=1, device=None):
        self.learner = learner
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.inner_lr = inner_lr
        self.inner_steps = inner_steps
        self.variables = [
            v.detach().clone().to(self.device).requires_grad_(True) for v in learner.variables
        ]
        self.optimizer = torch.optim.Adam(self.variables, lr=outer_lr)

    def adapt(self, inputs, variables):
        fast = list(variables)
        for _ in range(self.inner_steps):
            loss = self.learner.compute_model(inputs, fast)
            grads = torch.autograd.grad(loss, fast, create_graph=True)
            fast = [w - self.inner_lr * g for w, g in zip(fast, grads)]
        return fast

    def meta_step(self, meta_batch_size=4):
        self.optimizer.zero_grad()
        total = 0.0
        for _ in range(meta_batch_size):
            self.learner.select_task()
            support = self.learner.get_batch()
            query = self.learner.get_batch()
            fast = self.adapt(support, self.variables)
            query_loss = self.learner.compute_model(query, fast)
            query_loss.backward()
            total = total + query_loss.detach()
        self.optimizer.step()
        return total / meta_batch_size


def build(seed=0):
    return MAML(SineLearner(seed=seed), inner_steps=1)
