# source: https://github.com/werner-duvaud/muzero-general/pull/190
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# bug-lines: 24, 25, 26, 27
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def mlp(input_size, layer_sizes, output_size):
    sizes = [input_size] + layer_sizes + [output_size]
    layers = []
    for i in range(len(sizes) - 1):
        layers += [torch.nn.Linear(sizes[i], sizes[i + 1]), torch.nn.ELU()]
    return torch.nn.Sequential(*layers[:-1])


class MuZeroFullyConnectedNetwork(torch.nn.Module):
    def __init__(self, observation_size, action_space_size, encoding_size, hidden):
        super().__init__()
        self.action_space_size = action_space_size
        dyn_in = encoding_size + action_space_size
        self.representation_network = torch.nn.DataParallel(mlp(observation_size, hidden, encoding_size))
        self.dynamics_encoded_state_network = torch.nn.DataParallel(mlp(dyn_in, hidden, encoding_size))
        self.prediction_policy_network = torch.nn.DataParallel(mlp(encoding_size, hidden, action_space_size))
        self.prediction_value_network = torch.nn.DataParallel(mlp(encoding_size, hidden, 1))

    def prediction(self, encoded_state):
        return (self.prediction_policy_network(encoded_state),
                self.prediction_value_network(encoded_state))

    def representation(self, observation):
        return self.representation_network(observation.view(observation.shape[0], -1).float())

    def initial_inference(self, observation):
        encoded_state = self.representation(observation)
        policy_logits, value = self.prediction(encoded_state)
        return value, policy_logits, encoded_state


class MuZeroNetwork:
    def __new__(cls, config):
        return MuZeroFullyConnectedNetwork(config.observation_size, config.action_space_size,
                                           config.encoding_size, config.hidden_layers)
