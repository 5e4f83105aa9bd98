# source: https://github.com/SWivid/F5-TTS/pull/213
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import torch
import torchaudio

TARGET_SR = 24000
TARGET_RMS = 0.1


def load_reference(path, max_seconds=15.0):
    audio, sr = torchaudio.load(path)
    if audio.shape[0] > 1:
        audio = audio.mean(dim=0, keepdim=True)
    rms = torch.sqrt(torch.mean(audio ** 2))
    if rms < TARGET_RMS:
        audio = audio * TARGET_RMS / rms
    if sr != TARGET_SR:
        audio = torchaudio.functional.resample(audio, sr, TARGET_SR)
    return audio[:, : int(max_seconds * TARGET_SR)], rms


def text_to_ids(text, vocab):
    unk = vocab.get("<unk>", 0)
    return torch.tensor([[vocab.get(ch, unk) for ch in text]], dtype=torch.long)
