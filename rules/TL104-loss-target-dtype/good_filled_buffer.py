import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


# The same slot-filling tagger. The collate pads the slot ids into `torch.zeros(...)`
# (float32: writing the ids casts them to floats), and the loss converts them back
# with `.long()`: class indices of int64, as CrossEntropyLoss wants. Padding ids in
# a float buffer is common; it is the target that must be int64.
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
    slots = torch.zeros(len(batch), longest)
    for row, (w, s) in enumerate(batch):
        words[row, : len(w)] = w
        slots[row, : len(s)] = s
    return {"words": words, "slots": slots}


def train_slot_tagger(tagger, utterances, optimizer, device):
    loader = DataLoader(SlotUtterances(utterances), batch_size=32, collate_fn=pad_slots)
    criterion = nn.CrossEntropyLoss(ignore_index=0)  # (slot 0 is the padding)
    for batch in loader:
        scores = tagger(batch["words"].to(device))  # (batch, words, slots)
        loss = criterion(scores.permute(0, 2, 1), batch["slots"].long().to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
