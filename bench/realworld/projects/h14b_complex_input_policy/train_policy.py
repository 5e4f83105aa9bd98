# source: https://github.com/ray-project/ray/issues/22659 https://github.com/ray-project/ray/pull/27304
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop, batch-dict
# needs: torch, numpy, gymnasium
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
from gymnasium.spaces import Box, Discrete, Tuple

from complex_input_net import ComplexInputNetwork

OBS_SPACE = Tuple((
    Box(0, 255, shape=(84, 84, 3), dtype=np.uint8),   # camera
    Discrete(5),                                      # current lane
    Box(-1.0, 1.0, shape=(7,), dtype=np.float32),     # ego state
))
NUM_ACTIONS = 4


def sample_batch(batch_size, rng):
    """Fake rollout fragment, laid out like a SampleBatch (dict of columns)."""
    obs = [np.stack([space.sample() for _ in range(batch_size)]) for space in OBS_SPACE]
    return {
        "obs": obs,
        "actions": rng.integers(0, NUM_ACTIONS, size=batch_size),
        "advantages": rng.normal(size=batch_size).astype(np.float32),
        "value_targets": rng.normal(size=batch_size).astype(np.float32),
    }


def to_torch(batch, device):
    out = {k: torch.as_tensor(v, device=device) for k, v in batch.items() if k != "obs"}
    out["obs"] = [torch.as_tensor(o, device=device) for o in batch["obs"]]
    return out


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ComplexInputNetwork(OBS_SPACE, NUM_ACTIONS).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    rng = np.random.default_rng(0)
    for it in range(100):
        batch = to_torch(sample_batch(256, rng), device)
        logits, values = model(batch["obs"])
        logp = torch.log_softmax(logits, dim=-1).gather(1, batch["actions"].long()[:, None]).squeeze(1)
        policy_loss = -(logp * batch["advantages"]).mean()
        value_loss = (values - batch["value_targets"]).pow(2).mean()
        loss = policy_loss + 0.5 * value_loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if it % 10 == 0:
            print(f"iter {it}: loss={loss.item():.4f}")


if __name__ == "__main__":
    main()
