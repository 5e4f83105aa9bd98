# source: https://github.com/earthspecies/avex/pull/147
# error: RuntimeError: expected m1 and m2 to have the same dtype, but got: double != float
# pattern: float64-input
# shape: multi-file, batch-dict
# bug-lines: 16, 40
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Raw-audio dataset for music auto-tagging: fixed-length random crops + multi-hot tags."""
import numpy as np
import soundfile as sf
import torch
from torch.utils.data import Dataset


def load_mono(path):
    audio, sr = sf.read(path, always_2d=True)  # [frames, channels]
    return audio.mean(axis=1), sr


class MusicTagClips(Dataset):
    def __init__(self, items, n_tags, clip_seconds=3.69, sample_rate=16000):
        self.items = items  # list of (path, [tag indices])
        self.n_tags = n_tags
        self.clip_len = int(clip_seconds * sample_rate)
        self.sample_rate = sample_rate

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        path, tag_ids = self.items[idx]
        audio, sr = load_mono(path)
        assert sr == self.sample_rate, f"{path}: resample to {self.sample_rate} first"
        if len(audio) < self.clip_len:
            audio = np.pad(audio, (0, self.clip_len - len(audio)))
        start = np.random.randint(0, len(audio) - self.clip_len + 1)
        clip = audio[start:start + self.clip_len]
        target = np.zeros(self.n_tags, dtype=np.float32)
        target[tag_ids] = 1.0
        return {"wav": torch.from_numpy(clip), "tags": torch.from_numpy(target)}
