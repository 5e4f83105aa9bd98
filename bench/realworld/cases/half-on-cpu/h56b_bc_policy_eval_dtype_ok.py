# source: https://github.com/huggingface/text-generation-inference/issues/1104
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class
# looks-like: half-on-cpu
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Evaluation rollout helper for a behaviour-cloned manipulation policy.  The
checkpoint is stored in fp16 (it is trained with mixed precision on a GPU box)
but evaluation also runs on laptops without a GPU."""
import numpy as np
import torch
import torch.nn as nn


class BCPolicy(nn.Module):
    def __init__(self, obs_dim=39, act_dim=7, hidden=256):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs_dim, hidden), nn.LayerNorm(hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(),
                                 nn.Linear(hidden, act_dim), nn.Tanh())

    def forward(self, obs):
        return self.net(obs)


def inference_dtype(device, requested="float16"):
    # half precision kernels are only worth it (and only complete) on the GPU
    if device.type == "cuda" and requested == "float16":
        return torch.float16
    return torch.float32


def load_for_eval(path, device):
    policy = BCPolicy()
    state = torch.load(path, map_location="cpu") if path else BCPolicy().half().state_dict()
    policy.load_state_dict({k: v.float() for k, v in state.items()})
    dtype = inference_dtype(device)
    if dtype == torch.float16:
        policy = policy.half()
    return policy.to(device).eval(), dtype


class EvalRunner:
    def __init__(self, ckpt_path=None):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.policy, self.dtype = load_for_eval(ckpt_path, self.device)

    @torch.no_grad()
    def act(self, obs):
        x = torch.as_tensor(obs, device=self.device).to(self.dtype)
        return self.policy(x.unsqueeze(0)).squeeze(0).float().cpu().numpy()

    def rollout(self, env_step, obs, horizon=200):
        total = 0.0
        for _ in range(horizon):
            obs, reward, done = env_step(self.act(obs))
            total += reward
            if done:
                break
        return total


if __name__ == "__main__":
    runner = EvalRunner()
    fake_step = lambda a: (np.random.randn(39).astype(np.float32), float(-np.abs(a).sum()), False)
    print(runner.rollout(fake_step, np.zeros(39, dtype=np.float32), horizon=20))
