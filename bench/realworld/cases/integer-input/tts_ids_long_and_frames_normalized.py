# source: https://github.com/xcmyz/FastSpeech/issues/89
# error: RuntimeError: Expected tensor for argument #1 'indices' to have scalar type Long; but got torch.cuda.FloatTensor instead (while checking arguments for embedding)
# pattern: integer-input
# shape: batch-dict, class
# looks-like: integer-input
# cpu: clean
# needs: numpy, torch

import numpy as np
import torch
import torch.nn as nn


class TinyFastSpeech(nn.Module):
    def __init__(self, vocab=80, max_len=64, dim=32, n_mels=20):
        super().__init__()
        self.src_word_emb = nn.Embedding(vocab, dim, padding_idx=0)
        self.position_enc = nn.Embedding(max_len + 1, dim, padding_idx=0)
        self.ref_encoder = nn.Sequential(nn.Conv2d(1, 8, 3, 2, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, dim))
        self.mel_linear = nn.Linear(dim, n_mels)

    def forward(self, src_seq, src_pos, ref_image):
        x = self.src_word_emb(src_seq) + self.position_enc(src_pos)
        style = self.ref_encoder(ref_image)
        return self.mel_linear(x + style[:, None, :])


def collate(texts, ref_images):
    max_len = max(len(t) for t in texts)
    text = np.zeros((len(texts), max_len), dtype=np.int32)
    pos = np.zeros((len(texts), max_len), dtype=np.int32)
    for i, t in enumerate(texts):
        text[i, : len(t)] = t
        pos[i, : len(t)] = np.arange(1, len(t) + 1)
    refs = np.stack(ref_images)[:, None]
    return {"text": text, "src_pos": pos, "ref": refs}


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = TinyFastSpeech().to(device).eval()

rng = np.random.default_rng(0)
texts = [rng.integers(1, 80, size=n) for n in (7, 11, 5)]
refs = [rng.integers(0, 256, size=(24, 24), dtype=np.uint8) for _ in texts]
data_of_batch = collate(texts, refs)

character = torch.from_numpy(data_of_batch["text"]).long().to(device)
src_pos = torch.from_numpy(data_of_batch["src_pos"]).long().to(device)
ref = torch.from_numpy(data_of_batch["ref"]).to(device).float().div_(255.0)
with torch.no_grad():
    mel = model(character, src_pos, ref)
print(mel.shape, mel.dtype)
