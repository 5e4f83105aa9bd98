# The same loop keeps the moved batch.
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader


def collate(samples):
    return pad_sequence([torch.tensor(s, dtype=torch.long) for s in samples], batch_first=True)


def evaluate(model, device, samples):
    loader = DataLoader(samples, batch_size=8, collate_fn=collate)
    total = 0.0
    with torch.no_grad():
        for input_ids in loader:
            input_ids = input_ids.to(device)
            total += model(input_ids=input_ids, labels=input_ids).loss.item()
    return total / len(loader)
