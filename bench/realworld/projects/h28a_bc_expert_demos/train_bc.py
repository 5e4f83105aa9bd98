# source: https://github.com/HumanCompatibleAI/imitation/issues/820
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA_gather)
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 36, 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""Behavioural cloning on CartPole expert demos."""
import argparse

import torch

from demos import make_demo_loader
from policy import DiscretePolicy


def pick_device(name):
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def bc_loss(policy, obs, acts, ent_weight=1e-3):
    _, log_prob, entropy = policy.evaluate_actions(obs, acts)
    return -log_prob.mean() - ent_weight * entropy.mean()


def train(demo_path, n_epochs, device):
    policy = DiscretePolicy(obs_dim=4, n_actions=2).to(device)
    optimizer = torch.optim.Adam(policy.parameters(), lr=3e-4)
    loader = make_demo_loader(demo_path)
    for epoch in range(n_epochs):
        running = 0.0
        for batch in loader:
            obs_tensor = batch["obs"].to(policy.device)
            acts = batch["acts"]
            loss = bc_loss(policy, obs_tensor, acts)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f}")
    return policy


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--demos", default="expert_cartpole.pkl")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()
    torch.save(train(args.demos, args.epochs, pick_device(args.device)).state_dict(), "bc_policy.pt")
