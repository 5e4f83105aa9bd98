# source: https://github.com/marlbenchmark/on-policy/pull/107
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: class, batch-dict
# bug-lines: 17, 30, 40, 51
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class ValueNorm(nn.Module):
    def __init__(self, input_shape, beta=0.99999, epsilon=1e-5, device=torch.device("cpu")):
        super().__init__()
        self.beta, self.epsilon = beta, epsilon
        self.tpdv = dict(dtype=torch.float32, device=device)
        self.register_buffer("running_mean", torch.zeros(input_shape, **self.tpdv))
        self.register_buffer("running_mean_sq", torch.zeros(input_shape, **self.tpdv))
        self.register_buffer("debiasing_term", torch.tensor(0.0, **self.tpdv))

    def running_mean_var(self):
        debias = self.debiasing_term.clamp(min=self.epsilon)
        mean = self.running_mean / debias
        var = (self.running_mean_sq / debias - mean ** 2).clamp(min=1e-2)
        return mean, var

    @torch.no_grad()
    def update(self, input_vector):
        input_vector = input_vector.to(**self.tpdv)
        batch_mean = input_vector.mean(dim=0)
        batch_sq_mean = (input_vector ** 2).mean(dim=0)
        self.running_mean.mul_(self.beta).add_(batch_mean * (1.0 - self.beta))
        self.running_mean_sq.mul_(self.beta).add_(batch_sq_mean * (1.0 - self.beta))
        self.debiasing_term.mul_(self.beta).add_(1.0 - self.beta)

    def normalize(self, input_vector):
        if isinstance(input_vector, np.ndarray):
            input_vector = torch.from_numpy(input_vector)
        input_vector = input_vector.to(**self.tpdv)
        mean, var = self.running_mean_var()
        return (input_vector - mean) / torch.sqrt(var)


class MAPPOCriticTrainer:
    def __init__(self, critic, device, lr=5e-4, clip_param=0.2, use_valuenorm=True):
        self.device = device
        self.critic = critic.to(device)
        self.clip_param = clip_param
        self.optimizer = torch.optim.Adam(self.critic.parameters(), lr=lr, eps=1e-5)
        self.value_normalizer = ValueNorm(1).to(self.device) if use_valuenorm else None

    def value_loss(self, values, value_preds_batch, return_batch):
        clipped = value_preds_batch + (values - value_preds_batch).clamp(-self.clip_param,
                                                                        self.clip_param)
        if self.value_normalizer is not None:
            self.value_normalizer.update(return_batch)
            error_clipped = self.value_normalizer.normalize(return_batch) - clipped
            error_original = self.value_normalizer.normalize(return_batch) - values
        else:
            error_clipped, error_original = return_batch - clipped, return_batch - values
        return torch.max(error_original ** 2, error_clipped ** 2).mean()

    def update(self, sample):
        share_obs = torch.as_tensor(sample["share_obs"], dtype=torch.float32, device=self.device)
        value_preds = torch.as_tensor(sample["value_preds"], dtype=torch.float32, device=self.device)
        returns = torch.as_tensor(sample["returns"], dtype=torch.float32, device=self.device)
        loss = self.value_loss(self.critic(share_obs), value_preds, returns)
        self.optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.critic.parameters(), 10.0)
        self.optimizer.step()
        return loss.item()


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    trainer = MAPPOCriticTrainer(nn.Sequential(nn.Linear(54, 64), nn.ReLU(), nn.Linear(64, 1)), dev)
    print(trainer.update({"share_obs": np.random.randn(256, 54),
                          "value_preds": np.random.randn(256, 1), "returns": np.random.randn(256, 1)}))
