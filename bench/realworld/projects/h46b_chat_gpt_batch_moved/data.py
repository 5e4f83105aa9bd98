# source: https://github.com/yangjianxin1/GPT2-chitchat/issues/45
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #3 'index' in call to _th_index_select
# pattern: inputs-not-moved
# shape: multi-file, batch-dict
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-turn dialogue dataset: each sample is one tokenised conversation."""
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import Dataset

IGNORE_INDEX = -100


class DialogueDataset(Dataset):
    def __init__(self, conversations, tokenizer, max_len=300):
        self.samples = []
        for turns in conversations:
            ids = [tokenizer.cls_token_id]
            for utt in turns:
                ids += tokenizer.encode(utt, add_special_tokens=False) + [tokenizer.sep_token_id]
            self.samples.append(ids[:max_len])

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        return torch.tensor(self.samples[idx], dtype=torch.long)


def collate_dialogues(batch, pad_id=0):
    input_ids = pad_sequence(batch, batch_first=True, padding_value=pad_id)
    labels = pad_sequence(batch, batch_first=True, padding_value=IGNORE_INDEX)
    return {"input_ids": input_ids, "attention_mask": input_ids.ne(pad_id).long(), "labels": labels}
