# source: https://github.com/mikkelfo/CORE-BEHRT/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import Dataset

from model import EHRBert
from trainer import EHRTrainer


class MLMDataset(Dataset):
    def __init__(self, features: dict, vocab_size: int, mask_prob=0.15):
        self.features = features
        self.vocab_size = vocab_size
        self.mask_prob = mask_prob

    def __len__(self):
        return self.features["concept"].shape[0]

    def __getitem__(self, idx):
        sample = {k: v[idx] for k, v in self.features.items()}
        concept = sample["concept"].clone()
        masked = (torch.rand(concept.shape) < self.mask_prob) & (concept > 1)
        target = torch.where(masked, concept, torch.full_like(concept, -100))
        concept[masked] = 1  # [MASK]
        sample.update(concept=concept, target=target)
        return sample


features = torch.load("data/tokenized/features_train.pt")  # dict of LongTensors (N, L)
vocab = torch.load("data/tokenized/vocabulary.pt")
dataset = MLMDataset(features, vocab_size=len(vocab))
trainer = EHRTrainer(EHRBert(vocab_size=len(vocab)), dataset, batch_size=64)
trainer.train(epochs=5)
