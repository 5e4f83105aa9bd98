# source: https://github.com/werner-duvaud/muzero-general/issues/174
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# bug-lines: 32, 33, 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fully connected MuZero network: representation h, dynamics g, prediction f."""
import torch
import torch.nn as nn


def mlp(in_size, hidden, out_size):
    layers, size = [], in_size
    for width in hidden:
        layers += [nn.Linear(size, width), nn.ELU()]
        size = width
    layers.append(nn.Linear(size, out_size))
    return nn.Sequential(*layers)


class MuZeroFullyConnected(nn.Module):
    def __init__(self, observation_size, action_space_size, encoding_size=16,
                 hidden=(64, 64), support_size=10):
        super().__init__()
        self.action_space_size = action_space_size
        self.full_support_size = 2 * support_size + 1
        self.encoding_size = encoding_size
        dyn_in, dyn_out = encoding_size + action_space_size, encoding_size + self.full_support_size
        pred_out = action_space_size + self.full_support_size
        # every sub-network is wrapped so that the learner can use several GPUs
        self.representation_network = nn.DataParallel(mlp(observation_size, hidden, encoding_size))
        self.dynamics_network = nn.DataParallel(mlp(dyn_in, hidden, dyn_out))
        self.prediction_network = nn.DataParallel(mlp(encoding_size, hidden, pred_out))

    @staticmethod
    def _scale(state):
        low = state.min(1, keepdim=True)[0]
        high = state.max(1, keepdim=True)[0]
        return (state - low) / (high - low).clamp_min(1e-5)

    def representation(self, observation):
        return self._scale(self.representation_network(observation.flatten(1)))

    def prediction(self, encoded_state):
        out = self.prediction_network(encoded_state)
        return out[:, : self.action_space_size], out[:, self.action_space_size:]

    def initial_inference(self, observation):
        encoded_state = self.representation(observation)
        policy_logits, value = self.prediction(encoded_state)
        return value, policy_logits, encoded_state

    def get_weights(self):
        return {k: v.cpu() for k, v in self.state_dict().items()}

    def set_weights(self, weights):
        self.load_state_dict(weights)
