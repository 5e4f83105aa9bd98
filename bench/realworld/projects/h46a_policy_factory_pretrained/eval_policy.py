# source: https://github.com/huggingface/lerobot/pull/126
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, helper, batch-dict
# bug-lines: 36, 49
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

from factory import get_safe_torch_device, make_policy


class SimInsertionEnv:
    """Minimal stand-in for the gym ALOHA env: numpy-free, returns CPU tensors."""

    def __init__(self, n_envs):
        self.n_envs = n_envs

    def reset(self):
        return {"agent_pos": torch.zeros(self.n_envs, 14)}

    def step(self, action):
        return {"agent_pos": torch.randn(self.n_envs, 14) * 0.05}, torch.zeros(self.n_envs)


def eval_policy(env, policy, device, n_steps=400):
    observation = env.reset()
    total = torch.zeros(env.n_envs)
    policy.eval()
    for _ in range(n_steps):
        batch = {"observation.state": observation["agent_pos"]}
        batch = {key: batch[key].to(device, non_blocking=True) for key in batch}
        with torch.inference_mode():
            action = policy.select_action(batch)
        observation, reward = env.step(action.to("cpu"))
        total += reward
    return total.mean().item()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--pretrained-policy-path", required=True)
    parser.add_argument("--device", default="cuda")
    args = parser.parse_args()
    cfg = {"device": args.device}
    device = get_safe_torch_device(cfg["device"])
    policy = make_policy(cfg, pretrained_policy_name_or_path=args.pretrained_policy_path)
    print("avg sum reward:", eval_policy(SimInsertionEnv(n_envs=10), policy, device))
