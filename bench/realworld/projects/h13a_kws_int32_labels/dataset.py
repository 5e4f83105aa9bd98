# source: https://github.com/wenet-e2e/wekws/pull/141
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: loader-loop, batch-dict, helper, multi-file
# bug-lines: 40
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Keyword-spotting utterances read from a wav.scp / text list."""
import torch
import torchaudio
import torchaudio.compliance.kaldi as kaldi
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import Dataset


class KeywordDataset(Dataset):
    def __init__(self, list_file, num_mel_bins=40):
        self.items = []
        with open(list_file, encoding="utf-8") as f:
            for line in f:
                key, wav_path, label = line.strip().split()
                self.items.append((key, wav_path, int(label)))
        self.num_mel_bins = num_mel_bins

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        key, wav_path, label = self.items[idx]
        waveform, sr = torchaudio.load(wav_path)
        feat = kaldi.fbank(waveform * (1 << 15), num_mel_bins=self.num_mel_bins,
                           frame_length=25, frame_shift=10, sample_frequency=sr)
        return {"key": key, "feat": feat, "label": label}


def padding_collate(samples):
    lengths = torch.tensor([s["feat"].size(0) for s in samples], dtype=torch.int32)
    order = torch.argsort(lengths, descending=True)
    feats = pad_sequence([samples[i]["feat"] for i in order], batch_first=True)
    labels = torch.tensor([samples[i]["label"] for i in order], dtype=torch.int32)
    keys = [samples[i]["key"] for i in order]
    return keys, feats, labels, lengths[order]
