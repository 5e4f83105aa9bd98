# source: https://github.com/Comfy-Org/ComfyUI/issues/12808
# error: RuntimeError: Input type (float) and bias type (struct c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper
# bug-lines: 41
# needs: torch, transformers, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Frame-level speech features for a streaming keyword/phrase spotter."""
import numpy as np
import soundfile as sf
import torch
from transformers import Wav2Vec2FeatureExtractor, Wav2Vec2Model


def load_mono_16k(path):
    wav, sr = sf.read(path, dtype="float32")
    if wav.ndim == 2:
        wav = wav.mean(axis=1)
    if sr != 16000:
        raise ValueError(f"expected 16 kHz audio, got {sr}")
    return wav


class SpeechEncoder:
    def __init__(self, name="facebook/wav2vec2-base-960h", device="cuda", layer=9):
        self.device = torch.device(device)
        self.dtype = torch.float16 if self.device.type == "cuda" else torch.float32
        self.extractor = Wav2Vec2FeatureExtractor.from_pretrained(name)
        self.model = Wav2Vec2Model.from_pretrained(name, torch_dtype=self.dtype)
        self.model.to(self.device).eval()
        self.layer = layer

    def _prepare(self, wavs):
        batch = self.extractor(wavs, sampling_rate=16000, padding=True,
                               return_attention_mask=True, return_tensors="pt")
        return batch

    @torch.no_grad()
    def encode(self, wavs):
        batch = self._prepare(wavs)
        values = batch["input_values"].to(self.device)
        mask = batch["attention_mask"].to(self.device)
        out = self.model(values, attention_mask=mask, output_hidden_states=True)
        return out.hidden_states[self.layer].float().cpu()

    def encode_windows(self, wav, win=16000, hop=8000):
        starts = range(0, max(len(wav) - win, 0) + 1, hop)
        windows = [wav[s:s + win] for s in starts]
        return self.encode(windows)


if __name__ == "__main__":
    enc = SpeechEncoder()
    feats = enc.encode_windows(load_mono_16k("hey_assistant.wav"))
    print(feats.shape, np.isfinite(feats.numpy()).all())
