# source: https://github.com/huggingface/transformers/issues/20862
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper, batch-dict
# bug-lines: 39
# needs: torch, numpy, soundfile, transformers
# cpu: no written where torch was not installed; not run
import numpy as np
import soundfile as sf
import torch
from torch.utils.data import DataLoader, Dataset


class AudioFileDataset(Dataset):
    def __init__(self, paths, sample_rate=16000):
        self.paths, self.sample_rate = paths, sample_rate

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        audio, sr = sf.read(self.paths[i], dtype="float32")
        if audio.ndim > 1:
            audio = audio.mean(axis=1)
        assert sr == self.sample_rate, f"{self.paths[i]}: expected 16 kHz, got {sr}"
        return {"path": self.paths[i], "audio": audio}


def make_loader(paths, processor, batch_size=8):
    def collate(items):
        batch = processor([it["audio"] for it in items], sampling_rate=16000,
                          return_tensors="pt")
        return {"paths": [it["path"] for it in items],
                "input_features": batch.input_features}
    return DataLoader(AudioFileDataset(paths), batch_size=batch_size, collate_fn=collate)


def to_device(batch, device):
    batch["input_features"] = batch["input_features"].to(device)
    return batch
