# source: https://github.com/chenjunyi1999/ChatBot-GPT2/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-turn chat dataset with speaker token types for GPT-2 fine-tuning."""
import pickle

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import Dataset


class DialogueTurns(Dataset):
    def __init__(self, pickle_path, bos_id, eos_id, sp1_id, sp2_id, max_len=512, max_turns=5):
        with open(pickle_path, "rb") as fh:
            dialogues = pickle.load(fh)
        self.samples = []
        for turns in dialogues:
            for end in range(1, len(turns)):
                history = turns[max(0, end - max_turns):end + 1]
                ids, types = [bos_id], [sp1_id]
                for i, utt in enumerate(history):
                    sp = sp1_id if (len(history) - i) % 2 == 0 else sp2_id
                    ids += [sp] + utt
                    types += [sp] * (len(utt) + 1)
                ids, types = ids[-(max_len - 1):] + [eos_id], types[-(max_len - 1):] + [types[-1]]
                reply_len = len(history[-1]) + 2
                labels = [-100] * (len(ids) - reply_len) + ids[-reply_len:]
                self.samples.append((ids, types, labels))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        return self.samples[idx]


class PadCollate:
    def __init__(self, pad_id):
        self.pad_id = pad_id

    def __call__(self, batch):
        ids = pad_sequence([torch.tensor(b[0]) for b in batch], batch_first=True, padding_value=self.pad_id)
        types = pad_sequence([torch.tensor(b[1]) for b in batch], batch_first=True, padding_value=self.pad_id)
        labels = pad_sequence([torch.tensor(b[2]) for b in batch], batch_first=True, padding_value=-100)
        return ids, types, labels
