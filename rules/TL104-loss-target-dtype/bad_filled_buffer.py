import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


# A slot-filling tagger: one slot id per word. The collate pads the slot ids into
# `torch.zeros(...)`, which is float32: writing the ids into it casts them to floats,
# and CrossEntropyLoss reads a float target as class probabilities (with the scores'
# class dimension), so it raises "expected scalar type Long but found Float".
class SlotUtterances(Dataset):
    def __init__(self, utterances):
        self.utterances = utterances  # list of (word ids, slot ids)

    def __len__(self):
        return len(self.utterances)

    def __getitem__(self, i):
        words, slots = self.utterances[i]
        return torch.tensor(words, dtype=torch.long), torch.tensor(slots, dtype=torch.long)


def pad_slots(batch):
    longest = max(len(words) for words, _ in batch)
    words = torch.zeros(len(batch), longest, dtype=torch.long)
    slots = torch.zeros(len(batch), longest)  # expect: TL104:13 lines=37
    for row, (w, s) in enumerate(batch):
        words[row, : len(w)] = w
        slots[row, : len(s)] = s
    return {"words": words, "slots": slots}


def train_slot_tagger(tagger, utterances, optimizer, device):
    loader = DataLoader(SlotUtterances(utterances), batch_size=32, collate_fn=pad_slots)
    criterion = nn.CrossEntropyLoss(ignore_index=0)  # (slot 0 is the padding)
    for batch in loader:
        scores = tagger(batch["words"].to(device))  # (batch, words, slots)
        loss = criterion(scores.permute(0, 2, 1), batch["slots"].to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
