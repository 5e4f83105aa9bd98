# source: https://github.com/christian-byrne/audio-separation-nodes-comfyui/issues/16
# error: RuntimeError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Short
# pattern: integer-input
# shape: class, helper
# bug-lines: 21, 52
# needs: torch, torchaudio, soundfile
# cpu: no written where torch was not installed; not run
"""Split a song into drums/bass/other/vocals with torchaudio's Hybrid Demucs."""
import sys

import soundfile as sf
import torch
import torchaudio
from torchaudio.pipelines import HDEMUCS_HIGH_MUSDB_PLUS
from torchaudio.transforms import Fade


def load_pcm(path):
    # read as 16-bit PCM to halve memory on long multitrack sessions
    data, sr = sf.read(path, dtype="int16", always_2d=True)
    waveform = torch.from_numpy(data.T.copy())
    if waveform.shape[0] == 1:
        waveform = waveform.repeat(2, 1)
    return waveform, sr


class StemSeparator:
    def __init__(self, device, segment=10.0, overlap=0.1):
        self.device = device
        self.model = HDEMUCS_HIGH_MUSDB_PLUS.get_model().to(device).eval()
        self.sample_rate = HDEMUCS_HIGH_MUSDB_PLUS.sample_rate
        self.segment, self.overlap = segment, overlap

    @torch.no_grad()
    def _chunked(self, mix):
        chunk = int(self.sample_rate * self.segment * (1 + self.overlap))
        overlap_frames = int(self.overlap * self.sample_rate)
        fade = Fade(fade_in_len=0, fade_out_len=overlap_frames, fade_shape="linear")
        out = torch.zeros(1, len(self.model.sources), *mix.shape[1:], device=self.device)
        start, end = 0, chunk
        while start < mix.shape[-1] - overlap_frames:
            part = mix[:, :, start:end]
            out[:, :, :, start:end] += fade(self.model(part))
            fade.fade_in_len = overlap_frames
            start += chunk - overlap_frames
            end = min(end + chunk - overlap_frames, mix.shape[-1])
        return out

    def main(self, waveform, sr):
        if sr != self.sample_rate:
            raise ValueError(f"expected {self.sample_rate} Hz input, got {sr} Hz")
        ref = waveform.mean(0)
        mix = ((waveform - ref.mean()) / ref.std()).to(self.device)
        sources = self._chunked(mix[None])[0]
        sources = sources * ref.std().to(self.device) + ref.mean().to(self.device)
        return dict(zip(self.model.sources, sources.cpu()))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    separator = StemSeparator(device)
    waveform, sr = load_pcm(sys.argv[1])
    for name, stem in separator.main(waveform, sr).items():
        torchaudio.save(f"{name}.wav", stem, separator.sample_rate)
