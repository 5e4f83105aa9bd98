# source: https://github.com/EleutherAI/oslo/issues/49
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Persona-chat style dataset: persona lines + alternating turns -> LM examples."""
import json

import torch
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler


class PersonaDialogDataset(Dataset):
    def __init__(self, path, tokenizer, max_len=256):
        self.examples = []
        sp1, sp2, persona = tokenizer.additional_special_tokens
        for line in open(path):
            dialog = json.loads(line)
            text = persona + " ".join(dialog["persona"])
            for i, turn in enumerate(dialog["turns"]):
                text += (sp1 if i % 2 == 0 else sp2) + turn
            ids = tokenizer(tokenizer.bos_token + text + tokenizer.eos_token)["input_ids"]
            self.examples.append(ids[-max_len:])
        self.pad_id = tokenizer.pad_token_id

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, idx):
        return torch.tensor(self.examples[idx], dtype=torch.long)

    def collate(self, batch):
        max_len = max(len(x) for x in batch)
        input_ids = torch.full((len(batch), max_len), self.pad_id, dtype=torch.long)
        for i, x in enumerate(batch):
            input_ids[i, :len(x)] = x
        labels = input_ids.masked_fill(input_ids == self.pad_id, -100)
        return {"input_ids": input_ids, "attention_mask": (input_ids != self.pad_id).long(), "labels": labels}


def make_loader(dataset, batch_size):
    sampler = DistributedSampler(dataset, shuffle=True)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler, collate_fn=dataset.collate)
