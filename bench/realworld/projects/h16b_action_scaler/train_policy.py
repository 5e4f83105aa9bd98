# source: https://github.com/Intelligent-Driving-Laboratory/GOPS/issues/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

from policy import GaussianActor


def collect_batch(batch_size, obs_dim):
    # stand-in for a replay buffer sample; returns CPU tensors
    obs = torch.randn(batch_size, obs_dim)
    target_q = torch.randn(batch_size, 1)
    return {"obs": obs, "target_q": target_q}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--enable_cuda", action="store_true")
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()

    device = torch.device("cuda" if args.enable_cuda else "cpu")
    obs_dim, act_dim = 17, 6
    actor = GaussianActor(obs_dim, act_dim, low=[-1.0] * act_dim, high=[1.0] * act_dim)
    actor.to(device)
    critic = torch.nn.Linear(obs_dim + act_dim, 1).to(device)
    opt = torch.optim.Adam(actor.parameters(), lr=3e-4)

    for step in range(args.steps):
        batch = {k: v.to(device) for k, v in collect_batch(256, obs_dim).items()}
        action = actor(batch["obs"])
        q = critic(torch.cat([batch["obs"], action], dim=-1))
        loss = -q.mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 20 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
