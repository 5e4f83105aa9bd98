# source: https://github.com/robfiras/loco-mujoco/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

"""GAIL-style imitation of a humanoid walking dataset; the policy standardises with expert stats."""
import numpy as np
import torch

from approximator import TorchApproximator
from networks import DiscriminatorNetwork, FullyConnectedNetwork

USE_CUDA = torch.cuda.is_available()


def load_expert(path="datasets/humanoid_walk.npz", n=4096, obs_dim=45):
    try:
        data = np.load(path)
        return data["states"], data["next_states"], data["actions"]
    except FileNotFoundError:
        rng = np.random.default_rng(0)
        s = rng.normal(size=(n, obs_dim))
        return s, s + 0.01 * rng.normal(size=(n, obs_dim)), rng.normal(size=(n, 17))


def build_agent(states, next_states, actions):
    mean, std = states.mean(0), states.std(0)
    policy = TorchApproximator(FullyConnectedNetwork, use_cuda=USE_CUDA,
                               input_shape=(states.shape[1],), output_shape=(actions.shape[1],),
                               n_features=[512, 256], standardizer_mean=mean, standardizer_std=std,
                               optimizer={"class": torch.optim.Adam, "params": {"lr": 3e-4}},
                               loss=torch.nn.functional.mse_loss)
    pair = np.concatenate([states, next_states], axis=1)
    discriminator = TorchApproximator(DiscriminatorNetwork, use_cuda=USE_CUDA,
                                      input_shape=(pair.shape[1],), output_shape=(1,),
                                      n_features=[512, 256], activations=("tanh", "tanh", "identity"),
                                      standardizer_mean=pair.mean(0), standardizer_std=pair.std(0))
    return policy, discriminator


if __name__ == "__main__":
    states, next_states, actions = load_expert()
    policy, discriminator = build_agent(states, next_states, actions)
    for epoch in range(5):
        idx = np.random.permutation(len(states))
        for start in range(0, len(idx), 256):
            b = idx[start:start + 256]
            bc_loss = policy.fit(states[b], target=actions[b])
        logits = discriminator.predict(states[:256], next_states[:256])
        print(f"epoch {epoch}: bc loss {bc_loss:.4f}, D(expert) {logits.mean():+.3f}")
