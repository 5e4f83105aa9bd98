# source: https://github.com/deepspeedai/DeepSpeed/issues/5701
# error: RuntimeError: Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.cuda.HalfTensor instead (while checking arguments for embedding)
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop
# looks-like: input-dtype-mismatch
# needs: torch
# cpu: clean
"""Preference pairs (chosen / rejected continuations) for reward-model evaluation."""
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import Dataset

PAD_ID = 0


class PreferencePairs(Dataset):
    def __init__(self, n_pairs=64, vocab=4000, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.pairs = []
        for _ in range(n_pairs):
            prompt = torch.randint(1, vocab, (int(torch.randint(8, 16, (1,), generator=g)),), generator=g)
            chosen = torch.randint(1, vocab, (int(torch.randint(4, 20, (1,), generator=g)),), generator=g)
            rejected = torch.randint(1, vocab, (int(torch.randint(4, 20, (1,), generator=g)),), generator=g)
            self.pairs.append((torch.cat([prompt, chosen]), torch.cat([prompt, rejected])))

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, i):
        return self.pairs[i]


def collate_pairs(items):
    seqs = [s for pair in items for s in pair]
    input_ids = pad_sequence(seqs, batch_first=True, padding_value=PAD_ID)
    attention_mask = (input_ids != PAD_ID).long()
    lengths = attention_mask.sum(-1, keepdim=True).float()
    return {"input_ids": input_ids, "attention_mask": attention_mask,
            "length_feat": lengths / lengths.max()}
