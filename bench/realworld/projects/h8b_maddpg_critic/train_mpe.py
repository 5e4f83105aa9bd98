# source: https://github.com/marlbenchmark/off-policy/pull/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
from types import SimpleNamespace

import torch
import torch.nn.functional as F

from policy import MADDPGPolicy


def sample_batch(batch_size, num_agents, obs_dim, act_dim):
    return {
        "share_obs": torch.randn(batch_size, num_agents * obs_dim),
        "actions": torch.rand(batch_size, num_agents * act_dim) * 2 - 1,
        "rewards": torch.randn(batch_size, 1),
    }


def main():
    args = SimpleNamespace(hidden_size=64, layer_N=1, lr=7e-4, num_updates=100, batch_size=256)
    num_agents, obs_dim, act_dim = 3, 18, 5
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    config = {"device": device, "args": args}
    policy_config = {
        "obs_dim": obs_dim,
        "act_dim": act_dim,
        "cent_obs_dim": num_agents * obs_dim,
        "cent_act_dim": num_agents * act_dim,
    }
    policy = MADDPGPolicy(config, policy_config)

    for update in range(args.num_updates):
        batch = sample_batch(args.batch_size, num_agents, obs_dim, act_dim)
        batch = {k: v.to(device) for k, v in batch.items()}
        q_values = policy.get_q_values(batch["share_obs"], batch["actions"])
        critic_loss = sum(F.mse_loss(q, batch["rewards"]) for q in q_values)
        policy.critic_optimizer.zero_grad()
        critic_loss.backward()
        policy.critic_optimizer.step()
        if update % 20 == 0:
            print(f"update {update}: critic loss {critic_loss.item():.4f}")


if __name__ == "__main__":
    main()
