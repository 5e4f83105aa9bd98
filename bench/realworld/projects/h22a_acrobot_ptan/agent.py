# source: https://github.com/Shmuma/ptan/pull/28
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.DoubleTensor for argument #4 'mat1'
# pattern: float64-input
# shape: multi-file, helper, class
# looks-like: float64-input
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def default_states_preprocessor(states):
    if len(states) == 1:
        arr = np.expand_dims(states[0], 0)
    else:
        arr = np.array([np.array(s, copy=False) for s in states], copy=False)
    return torch.tensor(arr)


def float32_preprocessor(states):
    arr = np.array(states, dtype=np.float32)
    return torch.tensor(arr)


class EpsilonGreedySelector:
    def __init__(self, epsilon=1.0):
        self.epsilon = epsilon

    def __call__(self, q_values):
        actions = np.argmax(q_values, axis=1)
        mask = np.random.random(size=actions.shape[0]) < self.epsilon
        actions[mask] = np.random.choice(q_values.shape[1], sum(mask))
        return actions


class DQNAgent:
    def __init__(self, dqn_model, selector, device="cpu",
                 preprocessor=default_states_preprocessor):
        self.dqn_model = dqn_model
        self.selector = selector
        self.device = device
        self.preprocessor = preprocessor

    @torch.no_grad()
    def __call__(self, states):
        states_v = self.preprocessor(states).to(self.device)
        q = self.dqn_model(states_v).cpu().numpy()
        return self.selector(q)
