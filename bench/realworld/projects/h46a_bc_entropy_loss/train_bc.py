# source: https://github.com/HumanCompatibleAI/imitation/issues/870
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch as th
from torch.utils.data import DataLoader, TensorDataset

from bc_loss import BehaviorCloningLossCalculator
from policy import SDEGaussianPolicy

OBS_DIM, ACT_DIM = 17, 6  # HalfCheetah-style pusher arm demos


def load_expert_transitions(n=5000):
    obs = th.randn(n, OBS_DIM)
    acts = th.tanh(th.randn(n, ACT_DIM))
    return TensorDataset(obs, acts)


def train(n_epochs=1, device="cuda"):
    policy = SDEGaussianPolicy(OBS_DIM, ACT_DIM).to(device)
    # policy.load_state_dict(th.load("ppo_sde_pretrained.pt", map_location=device))
    loss_calculator = BehaviorCloningLossCalculator(ent_weight=1e-3, l2_weight=0.0)
    optimizer = th.optim.Adam(policy.parameters(), lr=1e-3)
    loader = DataLoader(load_expert_transitions(), batch_size=32, shuffle=True)
    for epoch in range(n_epochs):
        for obs, acts in loader:
            batch = {"obs": obs.to(device), "acts": acts.to(device)}
            metrics = loss_calculator(policy, batch["obs"], batch["acts"])
            optimizer.zero_grad()
            metrics.loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: neglogp={metrics.neglogp.item():.3f} loss={metrics.loss.item():.3f}")


if __name__ == "__main__":
    train()
