# source: https://github.com/2noise/ChatTTS/issues/741
# error: RuntimeError: stft input and window must be on the same device but got self on cpu and window on cuda:0
# pattern: inputs-not-moved
# shape: class, helper, batch-dict, loader-loop
# looks-like: inputs-not-moved
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Encode a reference voice into a speaker embedding for zero-shot TTS."""

import torch
import torchaudio
from torch import nn
from torch.utils.data import DataLoader


class MelExtractor(nn.Module):
    def __init__(self, sample_rate=24000, n_mels=100):
        super().__init__()
        self.sample_rate = sample_rate
        self.mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=sample_rate, n_fft=1024, hop_length=256, n_mels=n_mels,
            center=False, power=1)

    def forward(self, wav):
        return self.mel(wav).clamp(min=1e-5).log()


def load_reference(path, target_sr):
    wav, sr = torchaudio.load(path)
    wav = wav.mean(dim=0, keepdim=True)
    if sr != target_sr:
        wav = torchaudio.functional.resample(wav, sr, target_sr)
    return wav


class SpeakerPrompter:
    def __init__(self, speaker_encoder, device="cuda"):
        self.device = torch.device(device)
        self.extractor = MelExtractor().to(self.device)
        self.encoder = speaker_encoder.to(self.device).eval()

    @torch.no_grad()
    def embed_file(self, path):
        wav = load_reference(path, self.extractor.sample_rate)
        wav = wav.to(next(self.extractor.buffers()).device)
        mel = self.extractor(wav)
        return self.encoder(mel).squeeze(0).cpu()

    @torch.no_grad()
    def embed_dataset(self, dataset, batch_size=8):
        loader = DataLoader(dataset, batch_size=batch_size, num_workers=2)
        out = []
        for batch in loader:
            batch = {k: v.to(self.device) if torch.is_tensor(v) else v
                     for k, v in batch.items()}
            mel = self.extractor(batch["wav"])
            out.append(self.encoder(mel, lengths=batch["num_samples"] // 256).cpu())
        return torch.cat(out)
