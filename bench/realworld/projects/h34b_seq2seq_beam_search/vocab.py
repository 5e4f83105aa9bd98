# source: https://github.com/IBM/pytorch-seq2seq/issues/102
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import Dataset

PAD, SOS, EOS, UNK = 0, 1, 2, 3


class Vocab:
    def __init__(self, itos):
        self.itos = list(itos)
        self.stoi = {w: i for i, w in enumerate(self.itos)}

    def __len__(self):
        return len(self.itos)

    def encode(self, sentence):
        return [self.stoi.get(w, UNK) for w in sentence.split()] + [EOS]


def load_vocab(path):
    blob = torch.load(path, map_location="cpu")
    return Vocab(blob["src"]), Vocab(blob["tgt"])


class TranslationDataset(Dataset):
    def __init__(self, path, vocab):
        with open(path, encoding="utf-8") as fh:
            self.lines = [line.strip() for line in fh if line.strip()]
        self.vocab = vocab

    def __len__(self):
        return len(self.lines)

    def __getitem__(self, i):
        return torch.tensor(self.vocab.encode(self.lines[i]), dtype=torch.long)


def pad_collate(batch):
    return pad_sequence(batch, batch_first=True, padding_value=PAD)
