# source: https://github.com/google-deepmind/open_spiel/issues/538
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, class
# looks-like: discarded-tensor-move
# needs: none
# cpu: no written where torch was not installed; not run
"""Fixed-capacity reservoir of transitions, stored as plain Python objects."""
import collections
import random

Transition = collections.namedtuple(
    "Transition", "info_state action reward next_info_state is_final_step legal_actions_mask")


class ReplayBuffer:
    def __init__(self, replay_buffer_capacity):
        self._capacity = replay_buffer_capacity
        self._data = []
        self._next_entry_index = 0

    def add(self, element):
        if len(self._data) < self._capacity:
            self._data.append(element)
        else:
            self._data[self._next_entry_index] = element
            self._next_entry_index = (self._next_entry_index + 1) % self._capacity

    def sample(self, num_samples):
        if len(self._data) < num_samples:
            raise ValueError(f"cannot sample {num_samples} from {len(self._data)} elements")
        return random.sample(self._data, num_samples)

    def __len__(self):
        return len(self._data)
