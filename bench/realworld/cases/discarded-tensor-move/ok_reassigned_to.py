# source: https://github.com/huggingface/accelerate/issues/2251
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: class, helper, loader-loop
# looks-like: discarded-tensor-move
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


class LossAwareSampler:
    def __init__(self, num_timesteps):
        self.num_timesteps = num_timesteps
        self.history = np.ones(num_timesteps)

    def sample(self, batch_size, device):
        p = self.history / self.history.sum()
        indices_np = np.random.choice(len(p), size=(batch_size,), p=p)
        indices = torch.from_numpy(indices_np).long().to(device)
        weights = torch.from_numpy(1 / (len(p) * p[indices_np])).float().to(device)
        return indices, weights


class TrainLoop:
    def __init__(self, model, num_timesteps=100):
        self.model = model
        self.sampler = LossAwareSampler(num_timesteps)
        self.t_embed = nn.Embedding(num_timesteps, 32).to(next(model.parameters()).device)
        self.opt = torch.optim.Adam(list(model.parameters()) + list(self.t_embed.parameters()), lr=1e-3)

    def forward_backward(self, batch):
        t, weights = self.sampler.sample(batch.shape[0], batch.device)
        t = t.to(batch.device)
        weights = weights.to(batch.device)
        noise = torch.randn_like(batch)
        losses = ((self.model(batch + noise + self.t_embed(t)) - noise) ** 2).mean(dim=-1)
        loss = (losses * weights).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loop = TrainLoop(nn.Linear(32, 32).to(device))
    for batch in torch.randn(3, 8, 32).unbind(0):
        print(loop.forward_backward(batch.to(device)))
